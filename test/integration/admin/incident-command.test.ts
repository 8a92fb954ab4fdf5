import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../src/use-cases/messages/submit-message.ts';
import { incidentUpdateDraft } from '../../support/builders.ts';
import { signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

/** Incident command over HTTP (issue 11): the approver's review, separation of duties, the incident manager. */
let harness: AdminHarness;
const cookies = { composer: '', approver: '', admin: '' };

beforeAll(async () => {
  harness = await startAdmin({ dispatcher: false });
  cookies.composer = await signInOverHttp(harness, 'composer');
  cookies.approver = await signInOverHttp(harness, 'approver');
  cookies.admin = await signInOverHttp(harness, 'admin');
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

function post(cookie: string, path: string, fields: Record<string, string | string[]>): Promise<Response> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
  return fetch(`${harness.origin}${path}`, { method: 'POST', body, redirect: 'manual', headers: { cookie, origin: harness.origin } });
}

const page = async (cookie: string, path: string) => (await fetch(`${harness.origin}${path}`, { headers: { cookie } })).text();

describe('the approver sees what they approve first', () => {
  it('shows every channel in both languages and the recipients by municipality before the approve button', async () => {
    const draft = createDraft(harness.ctx, harness.people.anouk, incidentUpdateDraft());
    submitMessage(harness.ctx, harness.people.anouk, { messageId: draft.id });
    const html = await page(cookies.approver, `/admin/berichten/${draft.id}`);
    // Each text must come after the one before it: read top to bottom, the button is last.
    let from = 0;
    for (const text of [
      'Controleer voordat u goedkeurt',
      'Bericht in het Nederlands',
      'Registra BRP niet bereikbaar',
      'een verlopen certificaat op de koppeling',
      'Bericht in het Engels',
      'an expired certificate on the link',
      'Ontvangers per gemeente',
      'servicedesk@utrecht.nl',
      'value="goedkeuren"',
    ]) {
      const at = html.indexOf(text, from);
      expect(at, text).toBeGreaterThan(-1);
      from = at + text.length;
    }
    expect(html).toMatch(/Utrecht: \d+ ontvanger/);
    expect(html).toContain(`/admin/berichten/${draft.id}/html?taal=en`);
    // The composer (who cannot approve) sees the ordinary preview, not the approver's review.
    expect(await page(cookies.composer, `/admin/berichten/${draft.id}`)).not.toContain('Controleer voordat u goedkeurt');
  });
});

describe('separation of duties over HTTP', () => {
  it('refuses an admin who changes their own roles, with the reason', async () => {
    const refused = await post(cookies.admin, `/admin/gebruikers/${harness.userIds.admin}`, { actie: 'rollen', roles: ['admin', 'approver'] });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('U kunt uw eigen account niet uitschakelen en uw eigen rollen niet wijzigen.');
  });
});
