import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminMessages } from '../../../src/i18n/admin-messages.ts';
import { auditActionLabel } from '../../../src/i18n/audit-messages.ts';
import { AUDIT_ACTIONS } from '../../../src/store/audit-actions.ts';
import { startDrill } from '../../../src/use-cases/drills/start-drill.ts';
import { approveMessage } from '../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../src/use-cases/messages/submit-message.ts';
import { incidentUpdateDraft } from '../../support/builders.ts';
import { signInOverHttp, startAdmin, type AdminHarness, type Person } from './admin-harness.ts';

/**
 * Every admin page a Dutch session can reach, walked over HTTP after a day's work (messages
 * approved and waiting, mail sent, a drill running): what a person reads is Dutch, with titles
 * and names instead of ids, slugs and codes, and labels without a full stop. Mail itself (the
 * mailbox, the rendered previews, which are English for English contacts) and the audit entry's
 * technical details are not page text and are left out.
 */
const t = adminMessages('nl');
const INCIDENT = '2026-11-27-registra-brp-landelijke-storing';

/** English words of states, actors and log lines that never belong in a Dutch sentence. */
const ENGLISH = /\b(the|published|approved|submitted|draft|rejected|cancelled|scheduled|investigating|identified|resolved|system|dispatcher|anonymous|captured|refusal|publisher)\b/i;
/** Ids and codes: uuids, "kind:id" keys, record slugs, snake_case codes. */
const INTERNAL = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\b(incident|maintenance|message|user|drill):[\w-]|\b\d{4}-\d{2}-\d{2}-[a-z]|\b[a-z]+_[a-z0-9_]+\b/;

let harness: AdminHarness;
const pages = new Map<string, { who: Person; html: string }>();

/** The text a person reads: without mail renderings, English-marked passages, code and form values. */
function readableText(html: string): string[] {
  return html
    .replace(/<(script|style|pre|code|textarea|iframe)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(p|span|div|li|td)\b[^>]*\blang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    // The message as it goes out (its subject and status-page text; a drill's is marked in both languages).
    .replace(/<p class="preview-subject"[\s\S]*?<\/p>|<div class="preview-status-page"[\s\S]*?(?=<h3)/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&amp;/g, '&')
    .replace(/&[a-z#0-9]+;/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

beforeAll(async () => {
  harness = await startAdmin();
  const { anouk, bram, fatima, sanne } = harness.people;
  const approved = createDraft(harness.ctx, anouk, incidentUpdateDraft());
  submitMessage(harness.ctx, anouk, { messageId: approved.id });
  await approveMessage(harness.ctx, bram, { messageId: approved.id });
  const waiting = createDraft(harness.ctx, anouk, incidentUpdateDraft());
  submitMessage(harness.ctx, anouk, { messageId: waiting.id });
  await harness.app.startDispatcher().drain();
  startDrill(harness.app.drillContext, fatima, { scenario_id: 'lokale-storing-een-gemeente', roles: { composer: sanne.userId, approver: bram.userId } });
  // Every page each role can reach from the dashboard by following links.
  for (const who of ['composer', 'approver', 'admin'] as const) {
    const cookie = await signInOverHttp(harness, who);
    const queue = ['/admin', `/admin/berichten/nieuw?onderwerp=incident:${INCIDENT}&sjabloon=update`];
    const visited = new Set<string>();
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (visited.has(path)) continue;
      visited.add(path);
      const response = await fetch(`${harness.origin}${path}`, { headers: { cookie }, redirect: 'manual' });
      const html = await response.text();
      if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('text/html')) continue;
      if (!pages.has(path)) pages.set(path, { who, html });
      for (const match of html.matchAll(/href="(\/admin[^"#]*)"/g)) {
        const link = match[1]!.replace(/&amp;/g, '&');
        // Not pages: files, frames, downloads, signing out, the English switch, the mailbox's mail.
        if (/\.(css|js|csv|json)$|\/html(\?|$)|\/download$|\/afmelden$|\/post\/|taal=en|^\/admin\/postbus\/\d/.test(link)) continue;
        queue.push(link);
      }
    }
  }
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

describe('the Dutch admin in words', () => {
  it('reached every kind of page', () => {
    const paths = [...pages.keys()];
    for (const expected of ['/admin/audit', '/admin/oefeningen/1', '/admin/berichten', `/admin/incidenten/${INCIDENT}`, '/admin/contacten']) expect(paths).toContain(expected);
    expect(paths.some((path) => /^\/admin\/berichten\/[^/]+\/verzending$/.test(path))).toBe(true);
    expect(pages.size).toBeGreaterThan(40);
  });

  it('shows no English words, ids, slugs or codes', () => {
    const templateIds = new Set(harness.ctx.templates.list().map((template) => template.id));
    const found: string[] = [];
    for (const [path, { html }] of pages) {
      for (const line of readableText(html)) {
        // A URL shown as a link text is an address, not a word.
        const words = line.replace(/\b(https?:\/\/|\/admin\/)\S*/g, '');
        // A template by its id ("update", "storing-gemeld") instead of its name.
        const slug = line === words && [...templateIds].some((id) => line === id || line.startsWith(`(${id},`) || (id.includes('-') && words.split(/[\s(),]+/).includes(id)));
        if (ENGLISH.test(words) || INTERNAL.test(words) || slug) found.push(`${path}: "${line}"`);
      }
    }
    expect(found).toEqual([]);
  });

  it('labels fields with a short noun phrase or question, without a full stop', () => {
    const found: string[] = [];
    for (const [path, { html }] of pages) {
      for (const match of html.matchAll(/<(label|legend)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
        const label = match[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
        if (/\.$/.test(label)) found.push(`${path}: "${label}"`);
      }
    }
    expect(found).toEqual([]);
  });

  it('labels the compose fields by name and the English ones in Dutch', () => {
    const compose = pages.get(`/admin/berichten/nieuw?onderwerp=incident:${INCIDENT}&sjabloon=update`)!.html;
    expect(compose).toContain('>Wat is er nieuw? (Nederlands)</label>');
    expect(compose).toContain('>Wat is er nieuw? (Engels, niet verplicht)</label>');
    // The description is the hint, no longer the label.
    expect(compose).toContain('Wat er sinds het vorige bericht is veranderd of bekend geworden.');
    expect(compose).not.toMatch(/<label[^>]*>Wat er sinds het vorige bericht/);
  });

  it('names every action of the audit log in Dutch and in English', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(auditActionLabel(action, 'nl'), action).toBeTruthy();
      expect(auditActionLabel(action, 'en'), action).toBeTruthy();
    }
    const audit = readableText(pages.get('/admin/audit')!.html);
    expect(audit).toContain('Bericht goedgekeurd');
    expect(audit).toContain('Bericht: Registra BRP niet bereikbaar');
    expect(audit).toContain('Oefening: Lokale storing bij één gemeente');
    // The details in words (the stored record itself is one click further, as written).
    expect(audit.filter((line) => /^(Naam|E-mailadres|E-mailadressen|Titel|Status|Impact|Reden|Rollen|Demo): \S/.test(line)).length).toBeGreaterThan(0);
    expect(audit).toContain('Vastgelegde gegevens');
  });

  it('says there are no contacts yet, instead of blaming the municipalities, when nobody is on file', async () => {
    const cookie = await signInOverHttp(harness, 'composer');
    const path = `/admin/berichten/${createDraft(harness.ctx, harness.people.anouk, incidentUpdateDraft()).id}`;
    const withContacts = await (await fetch(`${harness.origin}${path}`, { headers: { cookie } })).text();
    expect(withContacts).not.toContain(t.messages.audienceNoContacts);
    harness.db.prepare('DELETE FROM contacts').run();
    const without = await (await fetch(`${harness.origin}${path}`, { headers: { cookie } })).text();
    expect(without).toContain(t.messages.audienceNoContacts);
    expect(without).not.toContain(t.messages.audienceNone);
  });
});
