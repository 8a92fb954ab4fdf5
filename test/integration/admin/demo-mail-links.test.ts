import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCapturedMail, readCapturedMail, readCapturedMailFile } from '../../../src/mail/captured-mail.ts';
import { draftToForm, formToDraft } from '../../../src/admin/compose-model.ts';
import { adminMessages } from '../../../src/i18n/admin-messages.ts';
import { readCatalogue } from '../../../src/use-cases/catalogue/read-catalogue.ts';
import { approveMessage } from '../../../src/use-cases/messages/approve-message.ts';
import { findComposeSubject, findTemplate, prefillDraft } from '../../../src/use-cases/messages/compose-options.ts';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../src/use-cases/messages/submit-message.ts';
import { startDrill } from '../../../src/use-cases/drills/start-drill.ts';
import type { UseCaseContext } from '../../../src/use-cases/context.ts';
import { signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

/**
 * One public address: a demo (no HELDER_SITE_URL) is its own public address, so every link in the
 * mail it captures opens the running instance: the status page, the incident, the unsubscribe
 * link and its List-Unsubscribe header. The message is composed as the compose screen prefills it.
 */
const INCIDENT = '2026-11-27-registra-brp-landelijke-storing';
let harness: AdminHarness;

beforeAll(async () => {
  harness = await startAdmin();
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

/** Every address a reader can follow: href targets in the HTML part, web addresses in the text part and the headers. */
function linksIn(html: string, text: string, headers: string): string[] {
  return [
    ...[...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&')),
    ...[...text.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((match) => match[0]),
    ...[...headers.matchAll(/<(https?:\/\/[^>]+)>/g)].map((match) => match[1]!),
  ];
}

/** A message written on the compose screen's own path (the prefilled form, texts typed, read back), approved and sent. */
async function composeAndSend(ctx: UseCaseContext, incidentId: string, templateId: string, typed: Record<string, string>): Promise<{ id: string }> {
  const { anouk, bram } = harness.people;
  const subject = findComposeSubject(ctx, anouk, { kind: 'incident', id: incidentId })!;
  const template = findTemplate(ctx, templateId)!;
  const form = new FormData();
  for (const [name, value] of Object.entries(draftToForm(prefillDraft(ctx, subject, template), template))) form.set(name, value);
  for (const [name, value] of Object.entries(typed)) form.set(name, value);
  const { draft, errors } = formToDraft(form, subject, template, readCatalogue(ctx), adminMessages('nl'));
  expect(errors).toEqual([]);
  const message = createDraft(ctx, anouk, draft);
  submitMessage(ctx, anouk, { messageId: message.id });
  await approveMessage(ctx, bram, { messageId: message.id });
  await harness.app.startDispatcher().drain();
  return message;
}

describe('links in a demo mail', () => {
  it('all point at the running instance', async () => {
    const message = await composeAndSend(harness.ctx, INCIDENT, 'update', { var_update_text: 'De oorzaak is gevonden: een verlopen certificaat op de koppeling met de landelijke voorziening.' });

    const captured = listCapturedMail(harness.db, { outboxMessageId: message.id });
    expect(captured.length).toBeGreaterThan(0);
    for (const summary of captured) {
      const mail = readCapturedMail(harness.db, summary.id)!;
      const raw = readCapturedMailFile(harness.db, harness.app.config.dataDir, summary.id)!.toString('utf8');
      const headers = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
      const links = linksIn(mail.html, mail.text, headers.split(/\r?\n/).filter((line) => /^List-Unsubscribe:/i.test(line)).join('\n')).filter((link) => !link.startsWith('mailto:'));
      // The incident page, the status page and the unsubscribe link, each in both parts.
      expect(links.length, summary.recipient).toBeGreaterThanOrEqual(5);
      expect(links.filter((link) => !link.startsWith(`${harness.origin}/`)), summary.recipient).toEqual([]);
      expect(links.some((link) => link.includes(`/${INCIDENT}/`))).toBe(true);
    }
  });

  it('opens: the unsubscribe page answers at its address (the status page is the same origin)', async () => {
    const mail = readCapturedMail(harness.db, listCapturedMail(harness.db, {})[0]!.id)!;
    const unsubscribe = [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&')).find((link) => link.includes('/afmelden/'))!;
    expect((await fetch(unsubscribe)).status).toBe(200);
  });
});

describe('links in a drill mail', () => {
  it("lead to the admin's preview of the drill, never to a public incident page that does not exist", async () => {
    const { fatima, sanne, bram } = harness.people;
    const { drillId, opened } = startDrill(harness.app.drillContext, fatima, { scenario_id: 'lokale-storing-een-gemeente', roles: { composer: sanne.userId, approver: bram.userId } });
    const incident = opened.find((subject) => subject.kind === 'incident')!;
    const message = await composeAndSend(harness.app.drillContext, incident.id, 'lokale-storing', {});
    const captured = listCapturedMail(harness.db, { outboxMessageId: message.id });
    expect(captured.length).toBeGreaterThan(0);
    const preview = `${harness.origin}/admin/oefeningen/${drillId}/voorbeeld`;
    for (const summary of captured) {
      const mail = readCapturedMail(harness.db, summary.id)!;
      const links = linksIn(mail.html, mail.text, '');
      expect(links).toContain(preview);
      expect(links.filter((link) => link.includes(incident.id)), summary.recipient).toEqual([]);
    }
    // The preview opens for a colleague in the drill.
    const cookie = await signInOverHttp(harness, 'approver');
    expect((await fetch(preview, { headers: { cookie } })).status).toBe(200);
  });
});
