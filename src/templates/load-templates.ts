import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createBrandedLayouts } from './branded-layouts.ts';
import { checkExamples } from './check-examples.ts';
import { createEnvironments } from './compile-templates.ts';
import { loadLayout } from './load-layout.ts';
import { loadPartials } from './load-partials.ts';
import { loadTemplateFolder, type LoadedTemplate, type TemplateLoading } from './load-template-folder.ts';
import { createTemplateCatalog, type TemplateCatalog } from './template-catalog.ts';
import { problem, TemplateError, type TemplateProblem } from './template-error.ts';
import { createTemplateFileReader } from './template-file-reader.ts';

/**
 * Loads, checks and compiles every template under `dir` once. Collects every problem across all
 * files before failing, so one run of `npm run templates:check` shows the whole list.
 *
 * In order: the shared layout and partials, each template folder (manifest, channel files, the
 * AST check, compile), then a render of every template with its examples.
 */
export function loadTemplates(dir = 'templates'): TemplateCatalog {
  const problems: TemplateProblem[] = [];
  const reader = createTemplateFileReader(problems);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TemplateError([
      problem({ code: 'missing_file', template: '(all)', file: reader.display(dir), message: 'the templates folder does not exist', fix: 'run from the project folder, or pass the folder to loadTemplates(dir)' }),
    ]);
  }
  const layout = loadLayout(dir, reader, problems);
  const partials = loadPartials(dir, reader, problems);
  const loading: TemplateLoading = { dir, reader, problems, layout, partials, environment: createEnvironments(partials) };

  const templates = new Map<string, LoadedTemplate>();
  for (const id of templateFolders(dir)) {
    const loaded = loadTemplateFolder(id, loading);
    if (loaded) templates.set(id, loaded);
  }
  if (problems.length > 0) throw new TemplateError(problems);

  const layoutFor = createBrandedLayouts(layout, loading.environment);
  const catalog = createTemplateCatalog({ dir, templates, layoutFor, display: reader.display });
  checkExamples(catalog, problems);
  if (problems.length > 0) throw new TemplateError(problems);
  return catalog;
}

/** Every folder that holds a template: not the shared `_layout`/`_partials`, not hidden ones. */
function templateFolders(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('_') && !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort();
}
