import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../src/use-cases/messages/submit-message.ts';
import { sendTestMessage } from '../../../src/use-cases/deliveries/send-test-message.ts';
import { findMessage } from '../../../src/store/messages-repository.ts';
import { findOutboxMessage, listDeliveries } from '../../../src/store/outbox-repository.ts';
import { findUserByEmail } from '../../../src/store/user-repository.ts';
import { incidentUpdateDraft } from '../../support/builders.ts';
import { postForm, signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

let harness: AdminHarness;
const cookies = { composer: '', admin: '' };

beforeAll(async () => {
  // No dispatcher: deliveries stay queued, so a send can be paused and stopped deterministically.
  harness = await startAdmin({ dispatcher: false });
  cookies.composer = await signInOverHttp(harness, 'composer');
  cookies.admin = await signInOverHttp(harness, 'admin');
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

const post = (cookie: string, path: string, fields: Record<string, string | string[]>) => postForm(harness, cookie, path, fields);

describe('a running send: pause, resume, stop, resend', () => {
  it('pauses and resumes, stops the rest, and refuses to resend a stopped send', async () => {
    const id = sendTestMessage(harness.ctx, harness.people.anouk);
    const path = `/admin/berichten/${id}/verzending`;
    expect((await post(cookies.composer, path, { actie: 'pauzeren' })).status).toBe(303);
    expect(findOutboxMessage(harness.db, id)?.state).toBe('paused');
    expect((await post(cookies.composer, path, { actie: 'hervatten' })).status).toBe(303);
    expect(findOutboxMessage(harness.db, id)?.state).toBe('active');
    // A failed recipient can be sent again; only failed and unknown ones are.
    harness.db.prepare("UPDATE outbox_deliveries SET status = 'failed', last_reply = '550 5.1.1 mailbox unavailable' WHERE message_id = ?").run(id);
    const page = await (await fetch(`${harness.origin}${path}`, { headers: { cookie: cookies.composer } })).text();
    expect(page).toContain('550 5.1.1 mailbox unavailable');
    expect(page).toContain('Opnieuw versturen naar mislukte en onbekende ontvangers (1)');
    expect((await post(cookies.composer, path, { actie: 'opnieuw' })).status).toBe(303);
    expect(listDeliveries(harness.db, id).map((delivery) => delivery.status)).toEqual(['queued']);
    expect((await post(cookies.composer, path, { actie: 'stoppen' })).status).toBe(303);
    expect(listDeliveries(harness.db, id).map((delivery) => delivery.status)).toEqual(['cancelled']);
    const refused = await post(cookies.composer, path, { actie: 'opnieuw' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Deze verzending is gestopt en kan niet meer verder.');
    const actions = harness.db.prepare("SELECT action FROM audit_log WHERE subject_id = ? AND action LIKE 'delivery_%' AND action <> 'delivery_queued' ORDER BY seq").all(id) as Array<{ action: string }>;
    expect(actions.map((row) => row.action)).toEqual(['delivery_paused', 'delivery_resumed', 'delivery_resent', 'delivery_cancelled']);
  });

  it('lets an admin look but not act', async () => {
    const id = sendTestMessage(harness.ctx, harness.people.cor);
    expect((await fetch(`${harness.origin}/admin/berichten/${id}/verzending`, { headers: { cookie: cookies.admin } })).status).toBe(200);
    expect((await post(cookies.admin, `/admin/berichten/${id}/verzending`, { actie: 'stoppen' })).status).toBe(403);
    expect(findOutboxMessage(harness.db, id)?.state).toBe('active');
  });
});

describe('rejecting a message', () => {
  it('needs a reason, which the composer then sees', async () => {
    const composer = harness.people.anouk;
    const draft = createDraft(harness.ctx, composer, incidentUpdateDraft());
    submitMessage(harness.ctx, composer, { messageId: draft.id });
    const approver = await signInOverHttp(harness, 'approver');
    const path = `/admin/berichten/${draft.id}`;
    const empty = await post(approver, path, { actie: 'afwijzen', reden: '  ' });
    expect(empty.status).toBe(409);
    const html = await empty.text();
    expect(html).toContain('href="#veld-reden"');
    expect(html).toContain('Geef een reden van minstens');
    expect(findMessage(harness.db, draft.id)?.state).toBe('submitted');
    expect((await post(approver, path, { actie: 'afwijzen', reden: 'Noem ook Registra Reisdocumenten; dat is ook geraakt.' })).status).toBe(303);
    expect(findMessage(harness.db, draft.id)?.state).toBe('rejected');
    const seen = await (await fetch(`${harness.origin}${path}`, { headers: { cookie: cookies.composer } })).text();
    expect(seen).toContain('Noem ook Registra Reisdocumenten; dat is ook geraakt.');
  });
});

describe('composing a message about an incident', () => {
  const compose = async (template: string) => {
    const response = await fetch(`${harness.origin}/admin/berichten/nieuw?onderwerp=incident:2026-11-27-registra-brp-landelijke-storing&sjabloon=${template}`, {
      headers: { cookie: cookies.composer },
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    return response.text();
  };
  const field = (html: string, name: string) => {
    const match = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
    return match ? match[1]!.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&') : null;
  };

  it('starts the texts for residents and the KCC from the guidance for the outage, editable in both languages', async () => {
    const html = await compose('update');
    expect(field(html, 'var_burgerbericht')).toContain('Door een storing kunnen wij nu geen verhuizingen verwerken.');
    expect(field(html, 'var_burgerbericht_en')).toContain('Because of an outage we cannot process changes of address right now.');
    expect(field(html, 'var_kcc_script')).toContain('**Registra Reisdocumenten**');
    // An update cannot resolve the incident: that is the resolution message, with the texts for after recovery.
    expect(html).toMatch(/<option value="monitoring"/);
    expect(html).not.toMatch(/<option value="resolved"/);
    // Only what staff must type themselves is still missing for the preview.
    const missing = [...html.matchAll(/<li><a href="#(veld-var-[a-z-]+)">/g)].map((match) => match[1]);
    expect(missing).toEqual(['veld-var-update-text']);
  });

  it('starts a resolution from the guidance for after recovery, with no outage advice', async () => {
    const html = await compose('opgelost');
    expect(field(html, 'var_burgerbericht')).toContain('De storing is voorbij. Verhuizingen en uittreksels werken weer.');
    expect(field(html, 'var_follow_up')).toContain('Verwerk eerst de eerste inschrijvingen');
    expect(field(html, 'var_workaround')).toBeNull();
    expect(html).toMatch(/<option value="resolved" selected/);
    expect(html).not.toContain('Door een storing kunnen wij nu geen verhuizingen verwerken.');
  });
});

describe('users and the audit log', () => {
  it('refuses a weak password with the reason at the field, then adds the user', async () => {
    const weak = await post(cookies.admin, '/admin/gebruikers', { name: 'Lotte Visser', email: 'lotte.visser@voorbeeldsoftware.nl', roles: ['approver'], password: 'welkom123' });
    expect(weak.status).toBe(422);
    const html = await weak.text();
    expect(html).toContain('href="#veld-password"');
    expect(findUserByEmail(harness.db, 'lotte.visser@voorbeeldsoftware.nl')).toBeNull();
    const added = await post(cookies.admin, '/admin/gebruikers', { name: 'Lotte Visser', email: 'lotte.visser@voorbeeldsoftware.nl', roles: ['approver', 'composer'], password: 'blauwe-sluis-haven-31-Kade' });
    expect(added.status).toBe(303);
    expect(findUserByEmail(harness.db, 'lotte.visser@voorbeeldsoftware.nl')?.roles).toEqual(['composer', 'approver']);
  });

  it('disabling a user ends their sessions at once; the last admin cannot lose the role', async () => {
    const composerCookie = await signInOverHttp(harness, 'composer');
    const disabled = await post(cookies.admin, `/admin/gebruikers/${harness.userIds.composer}`, { actie: 'uitschakelen' });
    expect(disabled.status).toBe(303);
    expect((await fetch(`${harness.origin}/admin`, { headers: { cookie: composerCookie }, redirect: 'manual' })).status).toBe(303);
    // Fatima is the other administrator; while she is one, Cor may step down, so she steps down first.
    expect((await post(cookies.admin, `/admin/gebruikers/${harness.people.fatima.userId}`, { actie: 'rollen', roles: ['approver'] })).status).toBe(303);
    const lastAdmin = await post(cookies.admin, `/admin/gebruikers/${harness.userIds.admin}`, { actie: 'rollen', roles: ['approver'] });
    expect(lastAdmin.status).toBe(422);
    expect(await lastAdmin.text()).toContain('Dit is de laatste actieve beheerder');
  });

  it('shows the audit log filtered by action, and the chain verified', async () => {
    const html = await (await fetch(`${harness.origin}/admin/audit?handeling=user_disabled&controleer=1`, { headers: { cookie: cookies.admin } })).text();
    expect(html).toContain('De keten is intact');
    // The action in words, the subject by the colleague's name.
    const rows = [...html.matchAll(/<td>(Gebruiker [a-z ]+)<\/td>/g)].map((match) => match[1]);
    expect(rows).toEqual(['Gebruiker uitgeschakeld']);
    expect(html).not.toContain('>user_disabled<');
  });
});
