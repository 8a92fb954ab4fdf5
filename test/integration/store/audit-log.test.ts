import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { appendAudit, AUDIT_GENESIS_HASH, auditSealMac, hashAuditRow, keyedAuditHash, queryAudit, verifyAuditChain, type AuditActor, type AuditRow } from '../../../src/store/audit-log.ts';
import { auditKeyFileOf } from '../../../src/store/audit-key.ts';
import { migrate, openDatabase, transaction } from '../../../src/store/database.ts';
import { chmodSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestStore, type TestStore } from './temp-database.ts';

const MIGRATIONS = join(import.meta.dirname, '../../../src/store/migrations');

let store: TestStore;
beforeEach(() => {
  store = createTestStore();
});
afterEach(() => store.close());

const sanne: AuditActor = { kind: 'user', userId: 1, name: 'Sanne de Vries' };
const ahmed: AuditActor = { kind: 'user', userId: 2, name: 'Ahmed El Amrani' };

function seedOutageDay() {
  const { db } = store;
  const at = (time: string) => new Date(`2026-10-05T${time}Z`);
  appendAudit(db, { actor: sanne, action: 'sign_in', subject: { type: 'user', id: 1 }, at: at('07:31:00') });
  appendAudit(db, { actor: sanne, action: 'incident_opened', subject: { type: 'incident', id: '2026-10-05-brp-koppeling-traag' }, details: { impact: 'major', components: ['brp-bevraging'] }, at: at('07:40:00') });
  appendAudit(db, { actor: sanne, action: 'message_submitted', subject: { type: 'message', id: 17 }, at: at('07:45:00') });
  appendAudit(db, { actor: ahmed, action: 'message_approved', subject: { type: 'message', id: 17 }, details: { contentHash: 'ab'.repeat(32) }, at: at('07:48:00') });
  appendAudit(db, { actor: { kind: 'system', name: 'system' }, action: 'message_published', subject: { type: 'message', id: 17 }, at: at('07:49:30') });
  appendAudit(db, { actor: sanne, action: 'message_submitted', subject: { type: 'message', id: 18 }, drill: true, at: at('09:00:00') });
}

describe('audit log', () => {
  it('chains each row to the previous one, starting from the genesis hash', () => {
    const first = appendAudit(store.db, { actor: sanne, action: 'sign_in', subject: { type: 'user', id: 1 }, details: { clientAddress: '192.0.2.7' } });
    const second = appendAudit(store.db, { actor: sanne, action: 'sign_out', subject: { type: 'user', id: 1 } });
    expect(first).toMatchObject({ seq: 1, prevHash: AUDIT_GENESIS_HASH, actor: sanne, subject: { type: 'user', id: '1' }, drill: false });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(verifyAuditChain(store.db)).toEqual({ ok: true, checked: 2, head: { seq: 2, hash: second.hash } });
  });

  it('stores details canonically, so key order does not matter', () => {
    const a = appendAudit(store.db, { actor: sanne, action: 'incident_updated', details: { b: 1, a: { y: 2, x: 1 } } });
    const row = store.db.prepare('SELECT details FROM audit_log WHERE seq = ?').get(a.seq) as { details: string };
    expect(row.details).toBe('{"a":{"x":1,"y":2},"b":1}');
  });

  it('refuses an action outside the documented vocabulary, naming where to add it', () => {
    expect(() => appendAudit(store.db, { actor: sanne, action: 'message_sent' as never })).toThrow(/Unknown audit action "message_sent".*src\/store\/audit-actions\.ts/s);
  });

  it('refuses UPDATE and DELETE with database triggers', () => {
    seedOutageDay();
    expect(() => store.db.prepare("UPDATE audit_log SET actor_name = 'Iemand anders' WHERE seq = 4").run()).toThrow(/append-only: UPDATE is not allowed/);
    expect(() => store.db.prepare('DELETE FROM audit_log WHERE seq = 4').run()).toThrow(/append-only: DELETE is not allowed/);
    expect(() => store.db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });

  it('joins the caller’s transaction: a rolled-back use case leaves no audit entry', () => {
    seedOutageDay();
    expect(() =>
      transaction(store.db, () => {
        appendAudit(store.db, { actor: ahmed, action: 'message_approved', subject: { type: 'message', id: 19 } });
        throw new Error('render failed');
      }),
    ).toThrow('render failed');
    expect(queryAudit(store.db, { subjectType: 'message', subjectId: 19 }).entries).toEqual([]);
    const next = appendAudit(store.db, { actor: ahmed, action: 'message_approved', subject: { type: 'message', id: 19 } });
    expect(next.seq).toBe(7);
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });

  describe('tampering (triggers dropped, as an attacker with access to the database file could)', () => {
    /** What an attacker without the key file can do at best: recompute every hash and the seal. */
    function rewriteWholeChain(change: (row: AuditRow) => AuditRow, mode: 'keyed' | 'unkeyed' = 'keyed') {
      const guessedKey = randomBytes(32);
      const rows = store.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as unknown as AuditRow[];
      let prevHash = AUDIT_GENESIS_HASH;
      for (const original of rows) {
        const row: AuditRow = { ...change(original), prev_hash: prevHash, keyed: mode === 'keyed' ? 1 : 0 };
        row.hash = mode === 'keyed' ? keyedAuditHash(row, guessedKey) : hashAuditRow(row);
        store.db
          .prepare('UPDATE audit_log SET actor_user_id = ?, actor_name = ?, prev_hash = ?, hash = ?, keyed = ? WHERE seq = ?')
          .run(row.actor_user_id, row.actor_name, row.prev_hash, row.hash, row.keyed, row.seq);
        prevHash = row.hash;
      }
      const seq = rows.length;
      store.db.prepare('UPDATE audit_seal SET seq = ?, hash = ?, mac = ?').run(seq, prevHash, auditSealMac(guessedKey, seq, prevHash));
    }

    beforeEach(() => {
      seedOutageDay();
      store.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    });

    it('detects an edited row and names it', () => {
      store.db.prepare("UPDATE audit_log SET actor_name = 'Sanne de Vries' WHERE seq = 4").run();
      expect(verifyAuditChain(store.db)).toEqual({ ok: false, checked: 3, seq: 4, reason: 'the row content does not match its hash (the row was changed after it was written)' });
    });

    it('detects edited details, even a whitespace change', () => {
      store.db.prepare(`UPDATE audit_log SET details = '{"components":["brp-bevraging"], "impact":"major"}' WHERE seq = 2`).run();
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, seq: 2 });
    });

    it('detects a removed row as a gap', () => {
      store.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
      expect(verifyAuditChain(store.db)).toEqual({ ok: false, checked: 2, seq: 4, reason: 'row 3 is missing (seq jumps from 2 to 4)' });
    });

    it('detects a row rewritten with a recomputed hash: without the audit key the forger cannot compute it', () => {
      const row = store.db.prepare('SELECT * FROM audit_log WHERE seq = 4').get() as unknown as AuditRow;
      // A careful forger makes Sanne the approver of her own message and recomputes the row's hash.
      const forged: AuditRow = { ...row, actor_user_id: 1, actor_name: 'Sanne de Vries' };
      forged.hash = keyedAuditHash(forged, randomBytes(32));
      store.db.prepare('UPDATE audit_log SET actor_user_id = ?, actor_name = ?, hash = ? WHERE seq = 4').run(forged.actor_user_id, forged.actor_name, forged.hash);
      expect(verifyAuditChain(store.db)).toEqual({ ok: false, checked: 3, seq: 4, reason: 'the row content does not match its hash (the row was changed after it was written)' });
    });

    it('detects a full rewrite of the chain with recomputed hashes and a forged seal', () => {
      rewriteWholeChain((row) => (row.seq === 4 ? { ...row, actor_user_id: 1, actor_name: 'Sanne de Vries' } : row));
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, seq: 1 });
    });

    it('detects a full rewrite as unkeyed rows with plain SHA-256, as before keying', () => {
      rewriteWholeChain((row) => (row.seq === 4 ? { ...row, actor_user_id: 1, actor_name: 'Sanne de Vries' } : row), 'unkeyed');
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, reason: expect.stringMatching(/seal/) });
    });

    it('detects the removal of the newest rows by the seal', () => {
      store.db.prepare('DELETE FROM audit_log WHERE seq >= 5').run();
      expect(verifyAuditChain(store.db)).toEqual({ ok: false, checked: 4, seq: 5, reason: 'rows 5–6 are missing at the end (the seal names row 6 as the newest)' });
    });

    it('detects the removal of the newest rows even when the seal is removed or moved back', () => {
      const sealAt4 = { seq: 4, hash: (store.db.prepare('SELECT hash FROM audit_log WHERE seq = 4').get() as { hash: string }).hash };
      store.db.prepare('DELETE FROM audit_log WHERE seq >= 5').run();
      store.db.prepare('UPDATE audit_seal SET seq = ?, hash = ?').run(sealAt4.seq, sealAt4.hash);
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, reason: expect.stringContaining('not signed with the audit key') });
      store.db.prepare('DELETE FROM audit_seal').run();
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, reason: expect.stringContaining('has no seal') });
      // Reopening does not seal it again: only the upgrade to a keyed chain may seal.
      store.db.close();
      store.db = openDatabase(store.file);
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, reason: expect.stringContaining('has no seal') });
    });

    it('detects removal of a range of rows', () => {
      store.db.prepare('DELETE FROM audit_log WHERE seq IN (2, 3, 4)').run();
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, seq: 5, reason: 'rows 2–4 are missing (seq jumps from 1 to 5)' });
    });

    it('detects a swapped prev_hash', () => {
      store.db.prepare('UPDATE audit_log SET prev_hash = ? WHERE seq = 5').run('0'.repeat(64));
      expect(verifyAuditChain(store.db)).toEqual({ ok: false, checked: 4, seq: 5, reason: 'prev_hash does not match the hash of row 4' });
    });
  });

  describe('the audit key', () => {
    it('is a file beside the database, made on the first start, readable by its owner only', () => {
      const keyFile = auditKeyFileOf(store.file);
      expect(keyFile).toBe(`${store.file}.audit-key`);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      seedOutageDay();
      store.db.close();
      store.db = openDatabase(store.file);
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 6 });
    });

    it('is required once the log is keyed: a missing key file stops the start instead of making a new key', () => {
      seedOutageDay();
      store.db.close();
      rmSync(auditKeyFileOf(store.file));
      expect(() => openDatabase(store.file)).toThrow(/is keyed, but its key file .*helder\.sqlite\.audit-key is missing: restore that file from your backup/);
      expect(existsSync(auditKeyFileOf(store.file))).toBe(false);
      store.db = new DatabaseSync(':memory:');
    });

    it('refuses a key file that others can read', () => {
      store.db.close();
      chmodSync(auditKeyFileOf(store.file), 0o644);
      expect(() => openDatabase(store.file)).toThrow(/can be read by others: run "chmod 600 /);
      store.db = new DatabaseSync(':memory:');
    });

    it('keys an existing unkeyed chain on upgrade: the old rows stay as they were and are protected by the first keyed row', () => {
      // A database as the version before keying left it: migrations up to 0500, unkeyed rows.
      store.db.close();
      rmSync(store.file);
      rmSync(auditKeyFileOf(store.file));
      const old = new DatabaseSync(store.file);
      const oldMigrations = join(store.dir, 'old-migrations');
      mkdirSync(oldMigrations);
      for (const name of readdirSync(MIGRATIONS).filter((file) => file < '0600')) copyFileSync(join(MIGRATIONS, name), join(oldMigrations, name));
      migrate(old, oldMigrations);
      let prevHash = AUDIT_GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq += 1) {
        const row = { seq, at: `2026-09-0${seq}T08:00:00.000Z`, actor_kind: 'system', actor_user_id: null, actor_name: 'cli', action: 'user_added', subject_type: 'user', subject_id: String(seq), details: '{}', drill: 0, prev_hash: prevHash, hash: '', keyed: 0 };
        row.hash = hashAuditRow(row);
        old.prepare('INSERT INTO audit_log (seq, at, actor_kind, actor_user_id, actor_name, action, subject_type, subject_id, details, drill, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(row.seq, row.at, row.actor_kind, row.actor_user_id, row.actor_name, row.action, row.subject_type, row.subject_id, row.details, row.drill, row.prev_hash, row.hash);
        prevHash = row.hash;
      }
      old.close();

      store.db = openDatabase(store.file);
      expect(statSync(auditKeyFileOf(store.file)).mode & 0o777).toBe(0o600);
      const [keyedEntry] = queryAudit(store.db, { action: 'audit_chain_keyed' }).entries;
      expect(keyedEntry).toMatchObject({ seq: 4, prevHash, actor: { kind: 'system', name: 'system' }, details: { unkeyedEntries: 3 } });
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 4 });
      appendAudit(store.db, { actor: sanne, action: 'sign_in' });
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 5 });

      // An old row rewritten with a correct plain hash no longer links to the first keyed row.
      store.db.exec('DROP TRIGGER audit_log_no_update');
      const row2 = store.db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as unknown as AuditRow;
      const forged = { ...row2, actor_name: 'iemand anders' };
      forged.hash = hashAuditRow(forged);
      store.db.prepare('UPDATE audit_log SET actor_name = ?, hash = ? WHERE seq = 2').run(forged.actor_name, forged.hash);
      expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, seq: 3, reason: 'prev_hash does not match the hash of row 2' });
    });
  });

  describe('query', () => {
    beforeEach(seedOutageDay);

    it('filters by actor, action, subject, date range and drill, newest first', () => {
      const seqs = (query: Parameters<typeof queryAudit>[1]) => queryAudit(store.db, query).entries.map((entry) => entry.seq);
      expect(seqs({})).toEqual([6, 5, 4, 3, 2, 1]);
      expect(seqs({ actorUserId: 2 })).toEqual([4]);
      expect(seqs({ actorName: 'system' })).toEqual([5]);
      expect(seqs({ action: 'message_submitted' })).toEqual([6, 3]);
      expect(seqs({ action: ['message_approved', 'message_published'] })).toEqual([5, 4]);
      expect(seqs({ subjectType: 'message', subjectId: 17 })).toEqual([5, 4, 3]);
      expect(seqs({ from: new Date('2026-10-05T07:40:00Z'), to: new Date('2026-10-05T07:49:30Z') })).toEqual([4, 3, 2]);
      expect(seqs({ drill: true })).toEqual([6]);
      expect(seqs({ drill: false, action: 'message_submitted' })).toEqual([3]);
    });

    it('pages with a stable cursor while new entries arrive', () => {
      const first = queryAudit(store.db, {}, { limit: 4 });
      expect(first.entries.map((entry) => entry.seq)).toEqual([6, 5, 4, 3]);
      expect(first.nextBeforeSeq).toBe(3);
      appendAudit(store.db, { actor: sanne, action: 'sign_out' });
      const second = queryAudit(store.db, {}, { limit: 4, beforeSeq: first.nextBeforeSeq ?? undefined });
      expect(second.entries.map((entry) => entry.seq)).toEqual([2, 1]);
      expect(second.nextBeforeSeq).toBeNull();
    });

    it('returns structured entries', () => {
      const [approved] = queryAudit(store.db, { action: 'message_approved' }).entries;
      expect(approved).toMatchObject({
        at: new Date('2026-10-05T07:48:00Z'),
        actor: { kind: 'user', userId: 2, name: 'Ahmed El Amrani' },
        subject: { type: 'message', id: '17' },
        details: { contentHash: 'ab'.repeat(32) },
        drill: false,
      });
    });
  });

  it('verifies a chain of 20,000 entries within a couple of seconds', () => {
    const appendStarted = performance.now();
    transaction(store.db, () => {
      for (let index = 0; index < 20_000; index += 1) {
        appendAudit(store.db, { actor: sanne, action: 'delivery_sent', subject: { type: 'delivery', id: index }, details: { municipality: 'GM0344', attempt: 1 } });
      }
    });
    console.info(`appendAudit: 20000 entries in ${(performance.now() - appendStarted).toFixed(0)} ms`);
    const started = performance.now();
    expect(verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 20_000 });
    const elapsed = performance.now() - started;
    console.info(`verifyAuditChain: 20000 entries in ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(3000);
  });
});
