import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../../src/content/load-content.ts';
import { readIncidentFile } from '../../../../src/content/write-content.ts';
import { buildReadModel, incidentReadyTexts, type ContentSet, type LocalizedText, type MessageDraftInput } from '../../../../src/domain/index.ts';
import { listRenderings } from '../../../../src/store/messages-repository.ts';
import { prefillFromIncident } from '../../../../src/templates/index.ts';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { INCIDENT, MESSAGES_FIXTURE } from '../../../support/builders.ts';
import { checkedInTemplates, createTestApp, type TestApp } from '../../../support/test-app.ts';

/**
 * The texts municipalities pass on follow the incident: every message starts from the products'
 * continuity guidance for its phase, the published texts are kept with the incident's update,
 * and once the incident is resolved neither the mail nor the page carries outage advice.
 */
const PUBLIC = 'https://status.voorbeeldsoftware.nl';
let t: TestApp;
let content: ContentSet;
beforeEach(async () => {
  t = await createTestApp(MESSAGES_FIXTURE);
  content = t.ctx.content.read();
});
afterEach(() => t.close());

const guidanceOf = (product: string) => content.guidance.find((entry) => entry.product === product)!;
const nl = (text: LocalizedText) => (typeof text === 'string' ? text : text.nl);
const en = (text: LocalizedText) => (typeof text === 'string' ? text : text.en!);

/** A message composed the way the admin prefills it, plus what staff type themselves. */
function composed(templateId: string, status: string, typed: { nl: Record<string, string>; en: Record<string, string> }, components: MessageDraftInput['components']): MessageDraftInput {
  const incident = readIncidentFile(t.contentDir, INCIDENT.id)!;
  const context = { site: content.site, components: content.components, municipalities: content.municipalities, guidance: content.guidance };
  const catalogTemplate = checkedInTemplates().get(templateId);
  return {
    subject: INCIDENT,
    template_id: templateId,
    values: {
      // The published address, as the compose screen fills it in (the test instance itself runs on http://127.0.0.1).
      nl: { ...prefillFromIncident(catalogTemplate, incident, context, 'nl'), incident_url: `${PUBLIC}/incidenten/${INCIDENT.id}/`, ...typed.nl },
      en: { ...prefillFromIncident(catalogTemplate, incident, context, 'en'), incident_url: `${PUBLIC}/en/incidents/${INCIDENT.id}/`, ...typed.en },
    },
    status,
    components,
  };
}

async function publish(draft: MessageDraftInput): Promise<string> {
  const created = createDraft(t.ctx, t.people.anouk, draft);
  submitMessage(t.ctx, t.people.anouk, { messageId: created.id });
  await approveMessage(t.ctx, t.people.bram, { messageId: created.id });
  return created.id;
}

describe('ready-made texts for residents and the KCC', () => {
  it('go out with an update, taken from the guidance, and stay with the incident update', async () => {
    t.clock.set('2026-11-27T09:20:00Z');
    const id = await publish(
      composed('update', 'monitoring', { nl: { update_text: 'Het certificaat is vervangen; wij houden het in de gaten.' }, en: { update_text: 'The certificate was replaced; we are watching it.' } }, {
        'registra-brp': 'degraded_performance',
      }),
    );
    const brp = guidanceOf('registra-brp');
    const [english, dutch] = listRenderings(t.db, id);
    expect(dutch!.text).toContain(`BERICHT VOOR UW INWONERS (website en sociale media)\n----------------------------------------\n${nl(brp.burgerbericht.during)}\n----`);
    expect(english!.text).toContain(en(brp.burgerbericht.during));
    expect(dutch!.html).toContain('Belscript voor uw klantcontactcentrum (KCC)');
    const update = readIncidentFile(t.contentDir, INCIDENT.id)!.updates.at(-1)!;
    expect(update.burgerbericht).toEqual({ nl: nl(brp.burgerbericht.during), en: en(brp.burgerbericht.during) });
    expect(nl(update.kcc_script!)).toContain('**Registra Reisdocumenten**');
  });

  it('switch to "it works again; what to do now" in the resolution mail, with no outage advice in it', async () => {
    t.clock.set('2026-11-27T10:12:00Z');
    const id = await publish(
      composed('opgelost', 'resolved', { nl: { resolution: 'Wij hebben het verlopen certificaat vervangen.', resolved_at: '2026-11-27T10:12:00Z' }, en: { resolution: 'We replaced the expired certificate.', resolved_at: '2026-11-27T10:12:00Z' } }, {
        'registra-brp': 'operational',
        'registra-reisdocumenten': 'operational',
      }),
    );
    const brp = guidanceOf('registra-brp');
    const incident = readIncidentFile(t.contentDir, INCIDENT.id)!;
    const during = [nl(brp.burgerbericht.during), nl(brp.kcc_script.during), nl(brp.during.fallback), nl(incident.workaround!), en(incident.workaround!)];
    for (const rendering of listRenderings(t.db, id)) {
      const pick = rendering.lang === 'nl' ? nl : en;
      for (const channel of [rendering.html, rendering.text]) {
        expect(channel).toContain(rendering.lang === 'nl' ? 'Verwerk eerst de eerste inschrijvingen' : 'First process the first registrations');
        expect(channel).not.toMatch(/IN DE TUSSENTIJD|in de tussentijd doen|MEANWHILE|do in the meantime/i);
        for (const text of during) expect(channel).not.toContain(text.slice(0, 60));
      }
      expect(rendering.text).toContain(pick(brp.burgerbericht.after));
    }

    // The resolving update keeps the after-recovery texts; the page shows those, never the outage ones.
    const resolvedUpdate = incident.updates.at(-1)!;
    expect(resolvedUpdate.status).toBe('resolved');
    expect(resolvedUpdate.burgerbericht).toEqual({ nl: nl(brp.burgerbericht.after), en: en(brp.burgerbericht.after) });
    const entry = buildReadModel(loadContent(t.contentDir), new Date('2026-11-27T11:00:00Z')).incidents.find((candidate) => candidate.incident.id === INCIDENT.id)!;
    const texts = incidentReadyTexts(entry.incident, entry.components, content.guidance, 'after');
    expect(texts.burgerbericht).toEqual({ text: resolvedUpdate.burgerbericht, source: 'message' });
  });
});
