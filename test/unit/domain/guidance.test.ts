import { describe, expect, it } from 'vitest';
import {
  problemsFromZod,
  continuityPhase,
  guidanceReadyTexts,
  incidentReadyTexts,
  IncidentSchema,
  readyTextsFromValues,
  type Incident,
  type ProductGuidance,
} from '../../../src/domain/index.ts';
import { loadContent } from '../../../src/content/load-content.ts';

const content = loadContent('content');
const guidance: ProductGuidance[] = content.guidance;
const BRP = { id: 'registra-brp', name: 'Registra BRP' };
const REISDOCUMENTEN = { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten' };
const brpGuidance = guidance.find((entry) => entry.product === 'registra-brp')!;

function incident(updates: Array<Record<string, unknown>>): Incident {
  return IncidentSchema.parse({
    id: '2026-11-27-registra-brp-landelijke-storing',
    title: { nl: 'Registra BRP niet bereikbaar', en: 'Registra BRP unavailable' },
    impact: 'critical',
    components: ['registra-brp', 'registra-reisdocumenten'],
    scope: 'all',
    workaround: 'Noteer aanvragen op het papieren noodformulier.',
    updates,
  });
}

const opened = { at: '2026-11-27T08:12:00Z', status: 'investigating', body: 'Medewerkers kunnen niet inloggen.', components: { 'registra-brp': 'major_outage' } };
const identified = {
  at: '2026-11-27T08:41:00Z',
  status: 'identified',
  body: 'De oorzaak is gevonden.',
  burgerbericht: { nl: 'Door een storing kunnen wij vandaag geen verhuizingen verwerken.', en: 'Because of an outage we cannot process moves today.' },
  kcc_script: 'Zeg: er is een storing.',
};
const resolved = { at: '2026-11-27T10:12:00Z', status: 'resolved', body: 'De storing is opgelost.', components: { 'registra-brp': 'operational' } };

describe('continuity guidance following the incident', () => {
  it('is "during" while the incident is open and "after" once it is resolved', () => {
    expect(continuityPhase('investigating')).toBe('during');
    expect(continuityPhase('monitoring')).toBe('during');
    expect(continuityPhase('resolved')).toBe('after');
  });

  it('offers the first product’s burgerbericht and a KCC script covering every product, under its name', () => {
    const single = guidanceReadyTexts(guidance, [BRP], 'during');
    expect(single.burgerbericht).toEqual(brpGuidance.burgerbericht.during);
    expect(single.kcc_script).toEqual(brpGuidance.kcc_script.during);
    const both = guidanceReadyTexts(guidance, [BRP, REISDOCUMENTEN], 'after');
    expect(both.burgerbericht).toEqual(brpGuidance.burgerbericht.after);
    const script = both.kcc_script as { nl: string; en: string };
    expect(script.nl).toMatch(/^\*\*Registra BRP\*\*\n\n- \*\*Zeg:\*\* "De storing is voorbij[\s\S]*\*\*Registra Reisdocumenten\*\*\n\n/);
    expect(script.en).toContain('**Registra Reisdocumenten**');
    expect(guidanceReadyTexts(guidance, [{ id: 'onbekend-product', name: 'Onbekend' }], 'during')).toEqual({ burgerbericht: null, kcc_script: null });
  });

  it('shows the texts of the latest published message while the incident is open, else the guidance', () => {
    const justOpened = incidentReadyTexts(incident([opened]), [BRP, REISDOCUMENTEN], guidance, 'during');
    expect(justOpened.burgerbericht).toEqual({ text: brpGuidance.burgerbericht.during, source: 'guidance' });
    const later = incidentReadyTexts(incident([opened, identified]), [BRP, REISDOCUMENTEN], guidance, 'during');
    expect(later.burgerbericht).toEqual({ text: identified.burgerbericht, source: 'message' });
    expect(later.kccScript).toEqual({ text: 'Zeg: er is een storing.', source: 'message' });
  });

  it('never shows a text written for the outage after resolution: only the resolving update or the after-guidance', () => {
    const done = incidentReadyTexts(incident([opened, identified, resolved]), [BRP, REISDOCUMENTEN], guidance, 'after');
    expect(done.phase).toBe('after');
    expect(done.burgerbericht).toEqual({ text: brpGuidance.burgerbericht.after, source: 'guidance' });
    expect(JSON.stringify(done)).not.toContain('vandaag geen verhuizingen');
    expect(JSON.stringify(done)).not.toContain('er is een storing');
    const withOwnTexts = incidentReadyTexts(
      incident([opened, identified, { ...resolved, burgerbericht: 'Alles werkt weer. U hoeft niets te doen.' }]),
      [BRP],
      guidance,
      'after',
    );
    expect(withOwnTexts.burgerbericht).toEqual({ text: 'Alles werkt weer. U hoeft niets te doen.', source: 'message' });
  });

  it('takes the ready-made texts of a message from its values: Dutch, with English where written', () => {
    expect(
      readyTextsFromValues({
        nl: { burgerbericht: '  Door een storing…  ', kcc_script: 'Zeg: storing.', symptoms: 'x' },
        en: { kcc_script: 'Say: outage.' },
      }),
    ).toEqual({ burgerbericht: 'Door een storing…', kcc_script: { nl: 'Zeg: storing.', en: 'Say: outage.' } });
    expect(readyTextsFromValues({ nl: { burgerbericht: '   ' } })).toEqual({});
  });

  it('refuses a burgerbericht over 600 characters on an incident update too', () => {
    const long = 'Door een storing kunnen wij nu geen verhuizingen verwerken. '.repeat(11);
    const parsed = IncidentSchema.safeParse({ ...incident([opened]), updates: [{ ...opened, burgerbericht: long }] });
    expect(parsed.success).toBe(false);
    expect(problemsFromZod(parsed.error!)).toEqual([{ field: 'updates[0].burgerbericht', code: 'too_long', params: { maximum: 600, length: 659 } }]);
  });
});
