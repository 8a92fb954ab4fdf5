import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { problemsFromZod } from '../../../src/domain/problems.ts';
import { problemText } from '../../../src/i18n/refusals.ts';
import { DrillScenarioSchema, initialExpectedScope, plannedAt, signalDueAt, type DrillScenarioInput } from '../../../src/domain/drill.ts';
import { buildDrillPreviewModel } from '../../../src/domain/drill-preview.ts';
import { buildReadModel } from '../../../src/domain/read-model.ts';
import { contentSet, outage } from '../../support/builders.ts';

/** Each problem as a scenario author reads it: field, code and the English text (src/i18n). */
const read = (error: Parameters<typeof problemsFromZod>[0] | undefined) =>
  error ? problemsFromZod(error).map((problem) => `${problem.field} [${problem.code}]: ${problemText(problem, 'en')}`) : [];

const DRILLS = join(import.meta.dirname, '../../../drills');
const CONTENT = join(import.meta.dirname, '../../../content');

const local: DrillScenarioInput = {
  id: 'lokale-storing-utrecht',
  title: 'Lokale storing Utrecht',
  summary: 'Utrecht meldt dat afspraken maken niet lukt.',
  opens: [
    {
      kind: 'incident',
      title: 'Oefening: Loket Afspraken werkt niet in Utrecht',
      impact: 'major',
      components: { 'loket-afspraken': 'major_outage' },
      scope: { municipalities: ['GM0344'] },
      body: 'Inwoners van Utrecht kunnen geen afspraak maken.',
    },
  ],
  events: [{ after_minutes: 10, text: '13:50 De firewall van Utrecht is gewijzigd.' }],
};

describe('drill scenarios', () => {
  it('default the targets to a first message within 15 minutes and updates every 30', () => {
    const scenario = DrillScenarioSchema.parse(local);
    expect(scenario.targets).toEqual({ first_message_minutes: 15, update_interval_minutes: 30, approval_minutes: 10 });
    expect(initialExpectedScope(scenario)).toEqual({ scope: { municipalities: ['GM0344'] }, products: ['loket-afspraken'] });
    expect(plannedAt(new Date('2026-12-01T12:40:00Z'), scenario.events[0]!)).toEqual(new Date('2026-12-01T12:50:00Z'));
  });

  it('name the field of every mistake', () => {
    const result = DrillScenarioSchema.safeParse({
      ...local,
      id: 'Lokale Storing',
      targets: { first_message_minutes: 0 },
      events: [
        { after_minutes: 20, text: 'later' },
        { after_minutes: 5.5, text: 'eerder' },
      ],
      opens: [{ ...local.opens![0], components: {} }],
    }, { reportInput: true });
    expect(result.success).toBe(false);
    expect(read(result.error)).toMatchInlineSnapshot(`
      [
        "id [invalid_slug]: Use only lower-case letters, digits and single hyphens, for example "registra-brp".",
        "opens[0].components [choose_product]: Choose at least one product.",
        "targets.first_message_minutes [too_small]: Enter a number greater than 0.",
        "events[1].after_minutes [not_whole_number]: Enter a whole number.",
      ]
    `);
  });

  it('refuse events out of time order', () => {
    const result = DrillScenarioSchema.safeParse({
      ...local,
      events: [
        { after_minutes: 20, text: 'later' },
        { after_minutes: 5, text: 'eerder' },
      ],
    }, { reportInput: true });
    expect(read(result.error)).toMatchInlineSnapshot(`
      [
        "events[1].after_minutes [events_out_of_order]: Put the signals in time order; this one comes before the previous one (20 minutes).",
      ]
    `);
  });

  it('refuse a maintenance window that already ended when the drill starts', () => {
    const result = DrillScenarioSchema.safeParse({
      ...local,
      opens: [{ kind: 'maintenance', title: 'Servers', description: 'Zaakstroom is niet beschikbaar.', components: ['zaakstroom'], starts_minutes: -120, ends_minutes: -10 }],
    }, { reportInput: true });
    expect(read(result.error)).toMatchInlineSnapshot(`
      [
        "opens[0].ends_minutes [window_already_ended]: The maintenance window must not have ended when the drill starts.",
      ]
    `);
  });

  it('carry timed signals in time order, each with a CBS code, due at the start plus their minutes divided by the speed', () => {
    const signal = { after_minutes: 3, product: 'registra-brp', municipality: 'GM0344', summary: 'Inloggen lukt niet.' };
    const parsed = DrillScenarioSchema.parse({ ...local, signals: [signal] });
    expect(parsed.signals[0]!.source).toBe('phone');
    const started = new Date('2026-12-01T07:55:00Z');
    expect(signalDueAt(started, parsed.signals[0]!, 1).toISOString()).toBe('2026-12-01T07:58:00.000Z');
    expect(signalDueAt(started, parsed.signals[0]!, 10).toISOString()).toBe('2026-12-01T07:55:18.000Z');
    const wrong = DrillScenarioSchema.safeParse({ ...local, signals: [signal, { ...signal, after_minutes: 2, municipality: 'Utrecht', source: 'fax' }] }, { reportInput: true });
    expect(read(wrong.error).map((line) => line.split(' [')[0])).toEqual(['signals[1].municipality', 'signals[1].source']);
    const outOfOrder = DrillScenarioSchema.safeParse({ ...local, signals: [signal, { ...signal, after_minutes: 2 }] }, { reportInput: true });
    expect(read(outOfOrder.error)).toEqual(['signals[1].after_minutes [events_out_of_order]: Put the signals in time order; this one comes before the previous one (3 minutes).']);
  });

  it('ship four scenarios that are valid, named after their file, and use only products and municipalities of the catalogue', () => {
    const products = new Set((parse(readFileSync(join(CONTENT, 'components.yaml'), 'utf8')) as { components: Array<{ id: string }> }).components.map((entry) => entry.id));
    const municipalities = new Set((parse(readFileSync(join(CONTENT, 'municipalities.yaml'), 'utf8')) as { municipalities: Array<{ id: string }> }).municipalities.map((entry) => entry.id));
    const files = readdirSync(DRILLS).filter((name) => name.endsWith('.yaml')).sort();
    expect(files).toEqual(['landelijke-storing-registra-brp.yaml', 'lokale-storing-een-gemeente.yaml', 'meldingen-registra-reisdocumenten.yaml', 'mislukt-onderhoud-loopt-uit.yaml']);
    for (const file of files) {
      const scenario = DrillScenarioSchema.parse(parse(readFileSync(join(DRILLS, file), 'utf8')));
      expect(`${scenario.id}.yaml`).toBe(file);
      const expected = initialExpectedScope(scenario);
      const scopes = [expected.scope, ...scenario.opens.map((subject) => subject.scope), ...scenario.events.flatMap((event) => (event.expected_scope ? [event.expected_scope] : []))];
      for (const product of [...expected.products, ...scenario.opens.flatMap((subject) => (subject.kind === 'incident' ? Object.keys(subject.components) : subject.components))]) {
        expect(products, `${file}: product ${product}`).toContain(product);
      }
      for (const scope of scopes) if (scope !== 'all') for (const id of scope.municipalities) expect(municipalities, `${file}: ${id}`).toContain(id);
      for (const signal of scenario.signals) {
        expect(products, `${file}: signal product ${signal.product}`).toContain(signal.product);
        expect(municipalities, `${file}: signal municipality ${signal.municipality}`).toContain(signal.municipality);
      }
      expect(scenario.events.length, file).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('the drill preview model', () => {
  const now = new Date('2026-11-30T09:30:00Z');
  const live = outage({ id: 'loket-afspraken-traag', component: 'loket-afspraken', status: 'degraded_performance', from: '2026-11-30T08:00:00Z' });
  const drill = outage({ id: 'oefening-registra-brp-niet-bereikbaar', from: '2026-11-30T09:00:00Z', drill: true, impact: 'critical' });

  it('shows the drill incident beside the live ones, as the public page would have', () => {
    const preview = buildDrillPreviewModel(contentSet({ incidents: [live] }), { incidents: [drill], maintenances: [] }, now);
    expect(preview.model.unresolvedIncidents.map((entry) => entry.incident.id)).toEqual(['oefening-registra-brp-niet-bereikbaar', 'loket-afspraken-traag']);
    expect(preview.model.components.find((entry) => entry.component.id === 'registra-brp')!.status).toBe('major_outage');
    expect(preview.model.indicator.indicator).not.toBe('none');
    expect([...preview.drillIncidentIds]).toEqual(['oefening-registra-brp-niet-bereikbaar']);
  });

  it('leaves the public gate as it is: the same content through buildReadModel shows no drill', () => {
    const content = contentSet({ incidents: [live, drill] });
    buildDrillPreviewModel(content, { incidents: [drill], maintenances: [] }, now);
    const model = buildReadModel(content, now);
    expect(model.incidents.map((entry) => entry.incident.id)).toEqual(['loket-afspraken-traag']);
    expect(drill.drill).toBe(true);
  });

  it('refuses to preview a live incident as if it were a drill', () => {
    expect(() => buildDrillPreviewModel(contentSet(), { incidents: [live], maintenances: [] }, now)).toThrow('drill preview: "loket-afspraken-traag" is not a drill item');
  });
});
