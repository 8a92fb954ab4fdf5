/**
 * `npm run templates:check`: loads every template the way the server does — manifests, variable
 * declarations, the Handlebars AST check, and a render of every template in every language with
 * its example values (all of them, only the required ones, and as a drill). Exit code 1 lists
 * every problem with file, line, variable and fix.
 *
 * Usage: node scripts/templates-check.ts [templates-folder]
 */
import { loadTemplates, TemplateError } from '../src/templates/index.ts';

const dir = process.argv[2] ?? 'templates';
try {
  const catalog = loadTemplates(dir);
  const templates = catalog.list();
  for (const template of templates) {
    const required = template.variables.filter((variable) => variable.required).length;
    console.log(`ok  ${template.id.padEnd(24)} ${template.kind.padEnd(22)} ${template.languages.join('+').padEnd(6)} ${template.variables.length} variables (${required} required)  version ${template.version.slice(0, 12)}`);
  }
  console.log(`\n${templates.length} templates checked in ${dir}: every variable declared, every required variable used, every language renders.`);
} catch (error) {
  if (!(error instanceof TemplateError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
