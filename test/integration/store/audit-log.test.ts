import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, AUDIT_GENESIS_HASH, hashAuditRow, queryAudit, verifyAuditChain, type AuditActor, type AuditRow } from '../../../src/store/audit-log.ts';
import { transaction } from '../../../src/store/database.ts';
import { createTestStore, type TestStore } from './temp-database.ts';

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

  describe('tampering (triggers dropped, as an attacker with file access could)', () => {
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

    it('detects a row rewritten with a correctly recomputed hash, by the broken link to the next row', () => {
      const row = store.db.prepare('SELECT * FROM audit_log WHERE seq = 4').get() as unknown as AuditRow;
      // A careful forger makes Sanne the approver of her own message and recomputes the row's hash.
      const forged: AuditRow = { ...row, actor_user_id: 1, actor_name: 'Sanne de Vries' };
      forged.hash = hashAuditRow(forged);
      store.db.prepare('UPDATE audit_log SET actor_user_id = ?, actor_name = ?, hash = ? WHERE seq = 4').run(forged.actor_user_id, forged.actor_name, forged.hash);
      expect(verifyAuditChain(store.db)).toEqual({ ok: false, checked: 4, seq: 5, reason: 'prev_hash does not match the hash of row 4' });
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
