import { relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLE_SITE, loadTemplates, TemplateError, type TemplateProblem } from '../../../src/templates/index.ts';
import { copyOfTemplates, TEMPLATES_DIR } from './fixtures.ts';

function problemsOf(action: () => unknown): TemplateProblem[] {
  try {
    action();
  } catch (error) {
    if (error instanceof TemplateError) return error.problems;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

const catalog = loadTemplates(TEMPLATES_DIR);
let copy: ReturnType<typeof copyOfTemplates> | null = null;
afterEach(() => {
  copy?.cleanup();
  copy = null;
});
function broken(setup: (templates: ReturnType<typeof copyOfTemplates>) => void): TemplateProblem[] {
  copy = copyOfTemplates();
  setup(copy);
  const dir = copy.dir;
  const shown = relative(process.cwd(), dir);
  return problemsOf(() => loadTemplates(dir)).map((found) => ({ ...found, file: found.file?.replace(shown, 'templates') ?? null }));
}

describe('bad input at render time gets a clear error and no output', () => {
  it('unknown template id', () => {
    const [found] = problemsOf(() => catalog.render('storing', 'nl', {}, { site: EXAMPLE_SITE }));
    expect(found).toMatchObject({ code: 'unknown_template', template: 'storing' });
    expect(found!.fix).toContain('storing-gemeld');
  });

  it('unknown language', () => {
    const [found] = problemsOf(() => catalog.render('update', 'de' as 'nl', catalog.exampleValues('update', 'nl'), { site: EXAMPLE_SITE }));
    expect(found).toMatchObject({ code: 'unknown_language', template: 'update', file: expect.stringContaining('update/manifest.yaml') });
    expect(found!.fix).toBe('use one of: nl, en, or add "de" to languages in the manifest and write its files');
  });

  it('missing required variable, named with the line where it is declared', () => {
    const { update_text: _dropped, ...values } = catalog.exampleValues('update', 'nl');
    const problems = problemsOf(() => catalog.render('update', 'nl', values, { site: EXAMPLE_SITE }));
    expect(problems).toEqual([
      {
        code: 'invalid_values',
        template: 'update',
        file: expect.stringMatching(/templates\/update\/manifest\.yaml$/),
        line: 31,
        variable: 'update_text',
        message: 'is required: fill it in',
        fix: 'fill in update_text (markdown): What has changed or become known since the previous message.',
      },
    ]);
  });

  it('wrong type: a date that is not a date, a list that is not a list, a choice outside its options', () => {
    const values = { ...catalog.exampleValues('storing-gemeld', 'nl'), started_at: '27-11-2026 09:05', affected_products: 'Registra BRP', impact: 'enorm' };
    const problems = problemsOf(() => catalog.render('storing-gemeld', 'nl', values, { site: EXAMPLE_SITE }));
    expect(problems.map((found) => [found.variable, found.message])).toEqual([
      ['impact', 'must be one of: "none", "minor", "major", "critical"'],
      ['affected_products', 'must be a list of products ({ id, name, status })'],
      ['started_at', 'must be a date and time with offset, e.g. "2026-11-27T09:30:00+01:00" or "2026-11-27T08:30:00Z"'],
    ]);
  });

  it('names the field inside a list item', () => {
    const values = { ...catalog.exampleValues('lokale-storing', 'nl'), affected_municipalities: [{ id: 'Utrecht', name: 'Utrecht' }] };
    const [found] = problemsOf(() => catalog.render('lokale-storing', 'nl', values, { site: EXAMPLE_SITE }));
    expect(found).toMatchObject({ variable: 'affected_municipalities[0].id', message: expect.stringContaining('GM0344') });
  });

  it('reads as a list a person can act on', () => {
    const values = { ...catalog.exampleValues('update', 'nl'), next_update_at: 'morgen', unknown_field: 1 };
    const error = (() => {
      try {
        catalog.render('update', 'nl', values, { site: EXAMPLE_SITE });
      } catch (caught) {
        return caught as Error;
      }
      return null;
    })();
    expect(error?.message.replace(/\/.*\/templates\//g, 'templates/')).toMatchInlineSnapshot(`
      "Templates have 2 problems:
        [update] templates/update/manifest.yaml:26: variable "next_update_at": must be a date and time with offset, e.g. "2026-11-27T09:30:00+01:00" or "2026-11-27T08:30:00Z"
          → fill in next_update_at (datetime): When the next update will come at the latest.
        [update] templates/update/manifest.yaml: variable "unknown_field": unknown variable "unknown_field"; this template declares: incident_title, incident_status, affected_products, started_at, next_update_at, incident_url, update_text, workaround, burgerbericht, kcc_script, affected_municipalities
          → check the variable names against the template"
    `);
  });

  it('refuses an invalid site or unsubscribe link in the options', () => {
    const values = catalog.exampleValues('update', 'nl');
    expect(problemsOf(() => catalog.render('update', 'nl', values, { site: { ...EXAMPLE_SITE, brand: { primary: 'red', on_primary: '#fff' } } as never }))[0]).toMatchObject({
      code: 'invalid_options',
      variable: 'options.site',
    });
    expect(problemsOf(() => catalog.render('update', 'nl', values, { site: EXAMPLE_SITE, unsubscribeUrl: 'http://x.example/' }))[0]).toMatchObject({
      code: 'invalid_options',
      variable: 'options.unsubscribeUrl',
    });
  });
});

describe('template checks at load time', () => {
  it('accept the shipped templates', () => {
    expect(catalog.list()).toHaveLength(8);
  });

  it('report a template syntax error with file and line', () => {
    const problems = broken((templates) => templates.edit('update/nl.email.html.hbs', (source) => source.replace('{{update_text}}', '{{#if update_text}}\n{{update_text}}')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'syntax_error', template: 'update', file: 'templates/update/nl.email.html.hbs', line: expect.any(Number) });
    expect(problems[0]!.message).toMatch(/^the template does not parse: Parse error on line \d+: .*got 'EOF'$/);
    expect(problems[0]!.fix).toContain('every {{#block}} its {{/block}}');
  });

  it('report a manifest that does not parse, with its line', () => {
    const problems = broken((templates) => templates.edit('opgelost/manifest.yaml', (source) => source.replace('kind: incident_resolved', 'kind: incident_resolved\n  languages: [nl')));
    expect(problems[0]).toMatchObject({ code: 'manifest_invalid', template: 'opgelost', file: 'templates/opgelost/manifest.yaml', line: expect.any(Number) });
  });

  it('report a manifest field with a wrong value, with its line', () => {
    const problems = broken((templates) => templates.edit('opgelost/manifest.yaml', (source) => source.replace('kind: incident_resolved', 'kind: resolved')));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'manifest_invalid', template: 'opgelost', file: 'templates/opgelost/manifest.yaml', line: 9, message: expect.stringContaining('kind: Invalid option') }),
    ]);
  });

  it('report an undeclared variable with file, line, name and the likely intended name', () => {
    const problems = broken((templates) => templates.edit('update/nl.email.txt.hbs', (source) => source.replace('{{incident_status_label}}', '{{incident_staus_label}}')));
    expect(problems).toEqual([
      {
        code: 'undeclared_variable',
        template: 'update',
        file: 'templates/update/nl.email.txt.hbs',
        line: 5,
        variable: 'incident_staus_label',
        message: '"incident_staus_label" is used but not declared',
        fix: expect.stringMatching(/^did you mean "incident_status_label"\? declare "incident_staus_label" in .*update\/manifest\.yaml under variables/),
      },
    ]);
  });

  it('report an undeclared variable inside a shared partial, naming the partial file', () => {
    const problems = broken((templates) => templates.edit('_partials/next-update.nl.email.txt.hbs', (source) => `${source}\n{{incident_phone}}\n`));
    expect(problems.length).toBeGreaterThan(1);
    expect(problems.every((found) => found.file === 'templates/_partials/next-update.nl.email.txt.hbs' && found.variable === 'incident_phone')).toBe(true);
    expect(new Set(problems.map((found) => found.template))).toEqual(new Set(['storing-gemeld', 'lokale-storing', 'update']));
  });

  it('understand #each scope, block params and ../', () => {
    const good = copyOfTemplates();
    try {
      good.edit('update/nl.email.txt.hbs', (source) =>
        source.replace(
          'Stand van zaken:',
          '{{#each affected_products as |product index|}}{{index}} {{product.name}} {{@index}} {{../incident_title}} {{status_label}}{{/each}}\n{{#each affected_products}}{{#if @first}}{{name}}{{/if}}{{/each}}\nStand van zaken:',
        ),
      );
      expect(() => loadTemplates(good.dir)).not.toThrow();
    } finally {
      good.cleanup();
    }
    const problems = broken((templates) => templates.edit('update/nl.email.txt.hbs', (source) => source.replace('Stand van zaken:', '{{#each affected_products}}{{incident_title}}{{/each}}\nStand van zaken:')));
    expect(problems[0]).toMatchObject({ code: 'undeclared_variable', variable: 'incident_title', line: 5 });
    expect(problems[0]!.message).toContain('items of a product list have the fields id, name, status, status_label');
    expect(problems[0]!.fix).toContain('../incident_title');
  });

  it('refuse triple-stash on anything but Markdown', () => {
    const problems = broken((templates) => templates.edit('update/nl.email.html.hbs', (source) => source.replace('<strong>{{incident_title}}</strong>', '<strong>{{{incident_title}}}</strong>')));
    expect(problems).toEqual([expect.objectContaining({ code: 'triple_stash', variable: 'incident_title', file: 'templates/update/nl.email.html.hbs', line: 2 })]);
  });

  it('deny prototype access: {{constructor.name}}, lookup and computed partials', () => {
    const problems = broken((templates) => {
      templates.edit('update/nl.email.html.hbs', (source) => `${source}{{constructor.name}}\n{{lookup this "constructor"}}\n{{> (lookup this "x")}}\n{{"constructor"}}\n`);
    });
    expect(problems.map((found) => [found.code, found.line])).toEqual([
      ['undeclared_variable', 15],
      ['unknown_helper', 16],
      ['forbidden_construct', 17],
      ['forbidden_construct', 18],
    ]);
  });

  it('refuse printing a date, list or flag as it is, and unknown helpers', () => {
    const problems = broken((templates) =>
      templates.edit('update/nl.email.txt.hbs', (source) => `${source}{{started_at}}\n{{affected_products}}\n{{shout incident_title}}\n{{datetime incident_title}}\n{{#datetime started_at}}{{/datetime}}\n`),
    );
    expect(problems.map((found) => [found.code, found.variable, found.fix])).toEqual([
      ['misused_variable', 'started_at', 'format it with a helper: {{datetime started_at}}, {{date started_at}} or {{time started_at}}'],
      ['misused_variable', 'affected_products', 'print it with {{list affected_products}} or loop over it with {{#each affected_products}}…{{/each}}'],
      ['unknown_helper', null, expect.stringContaining('use one of: datetime, date, time')],
      ['helper_misuse', 'incident_title', expect.stringContaining('{{datetime started_at}}')],
      ['helper_misuse', null, 'call it inline: {{datetime …}}'],
    ]);
  });

  it('report a required variable that no channel uses', () => {
    const problems = broken((templates) => {
      for (const lang of ['nl', 'en']) {
        templates.edit(`opgelost/${lang}.email.html.hbs`, (source) => source.replace(/\{\{resolution\}\}/g, ''));
        templates.edit(`opgelost/${lang}.email.txt.hbs`, (source) => source.replace(/\{\{resolution\}\}/g, ''));
        templates.edit(`opgelost/${lang}.status-page.md.hbs`, (source) => source.replace(/\{\{resolution\}\}/g, ''));
      }
    });
    expect(problems.map((found) => [found.code, found.variable, found.file, found.line])).toEqual([
      ['unused_required_variable', 'resolution', 'templates/opgelost/manifest.yaml', 25],
      ['unused_required_variable', 'resolution', 'templates/opgelost/manifest.yaml', 25],
    ]);
  });

  it('report a missing channel file, an unknown partial and a stray file', () => {
    const problems = broken((templates) => {
      templates.edit('onderhoud-gestart/en.subject.hbs', () => '');
      templates.write('onderhoud-gestart/nl.email.htm.hbs', '<p>oud</p>');
      templates.edit('lokale-storing/nl.email.html.hbs', (source) => source.replace('{{> workaround}}', '{{> omweg}}'));
    });
    expect(problems.map((found) => [found.code, found.file])).toEqual([
      ['unknown_partial', 'templates/lokale-storing/nl.email.html.hbs'],
      ['forbidden_construct', 'templates/onderhoud-gestart/nl.email.htm.hbs'],
    ]);
  });

  it('report a layout that lost its unsubscribe link or drill banner', () => {
    const problems = broken((templates) => templates.edit('_layout/email.nl.html.hbs', (source) => source.replace('{{unsubscribe_url}}', '#').replace(/\{\{#if drill_notice\}\}[\s\S]*?\{\{\/if\}\}/, '')));
    expect(problems.map((found) => [found.code, found.variable])).toEqual([
      ['layout_incomplete', 'unsubscribe_url'],
      ['layout_incomplete', 'drill_notice'],
    ]);
  });

  it('report an example that does not fit its own variable', () => {
    const problems = broken((templates) => templates.edit('update/manifest.yaml', (source) => source.replace('example: "2026-11-27T10:30:00Z"', 'example: "half elf"')));
    expect(problems.length).toBe(4);
    expect(problems[0]).toMatchObject({ code: 'example_failed', variable: 'next_update_at', fix: 'correct the example of "next_update_at" in the manifest' });
    expect(problems[0]!.message).toMatch(/^does not render in nl with its example values: must be a date and time/);
  });

  it('give a new template version when any file that shapes the output changes, and only then', () => {
    const again = loadTemplates(TEMPLATES_DIR);
    expect(again.get('update').version).toBe(catalog.get('update').version);
    copy = copyOfTemplates();
    copy.edit('_partials/workaround.nl.email.html.hbs', (source) => source.replace('Zodra die er is', 'Als die er is'));
    const changed = loadTemplates(copy.dir);
    expect(changed.get('update').version).not.toBe(catalog.get('update').version);
    // The notice template does not include that partial, so its approved messages stay valid.
    expect(changed.get('vrije-mededeling').version).toBe(catalog.get('vrije-mededeling').version);
  });
});
