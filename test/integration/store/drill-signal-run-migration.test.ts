import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/database.ts';

const MIGRATIONS = join(import.meta.dirname, '../../../src/store/migrations');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * 0802 gives drill signals and alerts the drill run they came in during. A database that already
 * holds two drills' signals (written before the run existed) gets each row's drill from the drill
 * window that holds it, and the same reference may then be typed again in a later drill.
 */
describe('migration 0802: drill signals belong to one drill run', () => {
  it('fills the run of existing drill signals and alerts from the drill windows, and leaves live ones alone', () => {
    dir = mkdtempSync(join(tmpdir(), 'helder-0802-'));
    const before = join(dir, 'migrations-before');
    mkdirSync(before);
    for (const name of readdirSync(MIGRATIONS).filter((file) => file < '0802')) copyFileSync(join(MIGRATIONS, name), join(before, name));
    const db = new DatabaseSync(join(dir, 'helder.sqlite'));
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, before);

    const drill = db.prepare("INSERT INTO drills (scenario_id, scenario, expected_municipalities, started_at, started_by_name, ended_at, ended_by_name) VALUES ('meldingen-registra-reisdocumenten', '{}', '[]', ?, 'Fatima el Amrani', ?, ?)");
    drill.run('2026-12-01T08:00:00.000Z', '2026-12-01T08:10:00.000Z', 'Fatima el Amrani');
    drill.run('2026-12-01T08:10:00.000Z', null, null);
    const signal = db.prepare("INSERT INTO signals (drill, product, municipality, source, reference, summary, received_at, recorded_at, recorded_by_name) VALUES (?, 'registra-reisdocumenten', ?, 'phone', ?, 'Paspoortaanvraag blijft hangen.', ?, ?, 'Anouk de Vries')");
    signal.run(1, 'GM0344', 'TEL-1', '2026-12-01T08:02:00.000Z', '2026-12-01T08:02:00.000Z');
    signal.run(1, 'GM0599', 'TEL-2', '2026-12-01T08:12:00.000Z', '2026-12-01T08:12:00.000Z');
    signal.run(0, 'GM0363', 'TEL-1', '2026-12-01T08:03:00.000Z', '2026-12-01T08:03:00.000Z');
    db.prepare("INSERT INTO signal_alerts (drill, product, suggestion, municipalities, signal_count, first_at, last_at, raised_at, closed_at, closed_by_name, close_reason) VALUES (1, 'registra-reisdocumenten', 'national', '[]', 4, ?, ?, ?, ?, 'Fatima el Amrani', 'handled')")
      .run('2026-12-01T08:02:00.000Z', '2026-12-01T08:05:00.000Z', '2026-12-01T08:05:00.000Z', '2026-12-01T08:10:00.000Z');

    expect(migrate(db)).toContain('0802-drill-signal-run.sql');
    expect(db.prepare('SELECT reference, drill, drill_id FROM signals ORDER BY id').all()).toEqual([
      { reference: 'TEL-1', drill: 1, drill_id: 1 },
      { reference: 'TEL-2', drill: 1, drill_id: 2 },
      { reference: 'TEL-1', drill: 0, drill_id: null },
    ]);
    expect(db.prepare('SELECT drill_id FROM signal_alerts').all()).toEqual([{ drill_id: 1 }]);
    // The first drill's reference typed again in the second drill is a signal of its own; in the same drill it is not.
    const inSecondDrill = db.prepare("INSERT INTO signals (drill, drill_id, product, municipality, source, reference, summary, received_at, recorded_at, recorded_by_name) VALUES (1, 2, 'registra-reisdocumenten', ?, 'phone', ?, 'Nogmaals.', '2026-12-01T08:14:00.000Z', '2026-12-01T08:14:00.000Z', 'Anouk de Vries')");
    expect(inSecondDrill.run('GM0772', 'TEL-1').changes).toBe(1);
    expect(() => inSecondDrill.run('GM0014', 'TEL-2')).toThrow(/UNIQUE constraint failed/);
    // A live signal cannot claim a drill.
    expect(() => db.prepare("UPDATE signals SET drill_id = 1 WHERE drill = 0").run()).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
