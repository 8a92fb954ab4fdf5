import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newContentId, readIncidentFile, slugify, UnsafeContentPathError, writeContentFile, writeIncidentFile } from '../../../src/content/write-content.ts';
import { IncidentSchema } from '../../../src/domain/index.ts';
import { snapshotTree } from '../../support/test-app.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A root with content/incidents and, beside it, an "outside" folder an attacker would aim at. */
function setUp() {
  const root = mkdtempSync(join(tmpdir(), 'helder-write-'));
  roots.push(root);
  const contentDir = join(root, 'content');
  mkdirSync(join(contentDir, 'incidents'), { recursive: true });
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside', 'passwd'), 'root:x:0:0\n');
  return { root, contentDir };
}

const incident = IncidentSchema.parse({
  id: '2026-11-27-registra-brp-landelijke-storing',
  title: 'Registra BRP niet bereikbaar',
  impact: 'critical',
  components: ['registra-brp'],
  scope: 'all',
  updates: [{ at: '2026-11-27T08:12:00Z', status: 'investigating', components: { 'registra-brp': 'major_outage' }, body: 'We onderzoeken de storing.' }],
});

describe('writing content files', () => {
  it('writes the file atomically and leaves no temp file behind', () => {
    const { contentDir } = setUp();
    const file = writeIncidentFile(contentDir, incident);
    expect(file).toBe(join(realpathSync(contentDir), 'incidents', `${incident.id}.md`));
    expect(readdirSync(join(contentDir, 'incidents'))).toEqual([`${incident.id}.md`]);
    expect(readIncidentFile(contentDir, incident.id)).toEqual(incident);
    writeIncidentFile(contentDir, { ...incident, impact: 'major' });
    expect(readdirSync(join(contentDir, 'incidents'))).toEqual([`${incident.id}.md`]);
    expect(readIncidentFile(contentDir, incident.id)?.impact).toBe('major');
  });

  it('creates the incidents folder when it is missing', () => {
    const { contentDir } = setUp();
    rmSync(join(contentDir, 'incidents'), { recursive: true });
    writeIncidentFile(contentDir, incident);
    expect(readdirSync(join(contentDir, 'incidents'))).toEqual([`${incident.id}.md`]);
  });

  const hostileIds = [
    '../outside/passwd',
    '../../outside/passwd',
    '..%2Foutside%2Fpasswd',
    '..%252Foutside%252Fpasswd',
    '%2e%2e/outside/passwd',
    '/etc/passwd',
    join(tmpdir(), 'passwd'),
    'storing\u0000.md',
    '\uff0e\uff0e/outside/passwd',
    '\uff0e\uff0e\uff0foutside\uff0fpasswd',
    '..',
    '.hidden',
    'incidents/../../outside/passwd',
    'C:\\Windows\\win.ini',
    '',
  ];

  it.each(hostileIds)('refuses the id %j and writes nothing', (id) => {
    const { root, contentDir } = setUp();
    const before = snapshotTree(root);
    expect(() => writeContentFile(contentDir, 'incidents', id, 'root::0:0\n')).toThrow(UnsafeContentPathError);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('refuses a folder name other than incidents or maintenance', () => {
    const { root, contentDir } = setUp();
    const before = snapshotTree(root);
    expect(() => writeContentFile(contentDir, '../outside' as 'incidents', 'passwd', 'x')).toThrow(UnsafeContentPathError);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('refuses to replace a planted symlink, leaving its target untouched', () => {
    const { root, contentDir } = setUp();
    symlinkSync(join(root, 'outside', 'passwd'), join(contentDir, 'incidents', `${incident.id}.md`));
    const before = snapshotTree(root);
    expect(() => writeIncidentFile(contentDir, incident)).toThrow(/incidents\/2026-11-27-registra-brp-landelijke-storing\.md is a symlink or not a regular file; refusing to replace it/);
    expect(snapshotTree(root)).toEqual(before);
    expect(readFileSync(join(root, 'outside', 'passwd'), 'utf8')).toBe('root:x:0:0\n');
    expect(() => readIncidentFile(contentDir, incident.id)).toThrow(UnsafeContentPathError);
  });

  it('refuses an incidents folder that is a symlink to elsewhere', () => {
    const { root, contentDir } = setUp();
    rmSync(join(contentDir, 'incidents'), { recursive: true });
    symlinkSync(join(root, 'outside'), join(contentDir, 'incidents'));
    const before = snapshotTree(root);
    expect(() => writeIncidentFile(contentDir, incident)).toThrow(UnsafeContentPathError);
    expect(() => newContentId(contentDir, 'incidents', new Date(), 'Storing')).toThrow(UnsafeContentPathError);
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('content ids', () => {
  it('turn a Dutch title into a slug without accents or punctuation', () => {
    expect(slugify('Registra BRP: géén inlog mogelijk!', 'storing')).toBe('registra-brp-geen-inlog-mogelijk');
    expect(slugify("'s-Hertogenbosch — Loket Afspraken ＡＢＣ", 'storing')).toBe('s-hertogenbosch-loket-afspraken-abc');
    expect(slugify('!!!', 'storing')).toBe('storing');
    expect(slugify('../../etc/passwd', 'storing')).toBe('etc-passwd');
    expect(slugify('a'.repeat(100), 'storing')).toHaveLength(60);
  });

  it('use the Amsterdam date and add -2, -3 when the name is taken', () => {
    const { contentDir } = setUp();
    // 23:30 UTC on 26 November is already 27 November in Amsterdam.
    const lateEvening = new Date('2026-11-26T23:30:00Z');
    const first = newContentId(contentDir, 'incidents', lateEvening, 'Registra BRP niet bereikbaar');
    expect(first).toBe('2026-11-27-registra-brp-niet-bereikbaar');
    writeContentFile(contentDir, 'incidents', first, '---\n---\n');
    const second = newContentId(contentDir, 'incidents', lateEvening, 'Registra BRP niet bereikbaar');
    expect(second).toBe('2026-11-27-registra-brp-niet-bereikbaar-2');
    writeContentFile(contentDir, 'incidents', second, '---\n---\n');
    expect(newContentId(contentDir, 'incidents', lateEvening, 'Registra BRP niet bereikbaar')).toBe('2026-11-27-registra-brp-niet-bereikbaar-3');
  });
});
