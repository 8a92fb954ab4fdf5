import type { Language } from '../domain/index.ts';
import { adminMessages } from '../i18n/admin-messages.ts';
import { contentProblemMessages } from '../i18n/content-problem-messages.ts';
import { problemText } from '../i18n/refusals.ts';
import type { ContentProblem } from '../use-cases/content/content-problems.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The panel that names what is wrong in the content folder: file, line, field and what was
 * expected, in the reader's language. Problems with a code are said by src/i18n; a file the YAML
 * parser refuses gets a plain sentence with the parser's own words as a technical detail.
 */
export function contentProblemsPanel(problems: readonly ContentProblem[], lang: Language): string {
  const t = contentProblemMessages(lang);
  const items = problems.map((problem) => {
    const rows: Array<[string, string]> = [[t.file, `<code>${escape(problem.file)}</code>`]];
    if (problem.line !== undefined) rows.push([t.line, String(problem.line)]);
    if (problem.field) rows.push([t.field, `<code>${escape(problem.field)}</code>`]);
    const what = problem.code ? escape(problemText({ code: problem.code, params: problem.params ?? {} }, lang)) : `${escape(t.unreadable)}<br><small>${escape(t.technical)}: ${escape(problem.message)}</small>`;
    rows.push([t.problem, what]);
    return `<li><dl class="content-problem">${rows.map(([term, value]) => `<dt>${escape(term)}</dt><dd>${value}</dd>`).join('')}</dl></li>`;
  });
  return `<section class="admin-warning content-problems" aria-labelledby="inhoudsfouten"><h2 id="inhoudsfouten" class="nl-heading nl-heading--level-2">${escape(t.heading)}</h2><p class="nl-paragraph">${escape(t.intro(problems.length))}</p><ul class="plain-list">${items.join('')}</ul><p class="nl-paragraph">${escape(t.afterFix)}</p></section>`;
}

/** A whole page for a screen that cannot render without the content: the panel, in the admin's look. */
export function contentProblemsResponse(problems: readonly ContentProblem[], lang: Language): Response {
  const t = contentProblemMessages(lang);
  const admin = adminMessages(lang);
  const html = `<!doctype html>
<html lang="${lang}" class="utrecht-root voorbeeld-theme">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t.pageTitle)} – Helder ${escape(admin.admin)}</title><link rel="stylesheet" href="/admin/stijl.css"></head>
<body>
<header class="utrecht-page-header site-header"><div class="utrecht-page-header__content site-header__content"><a class="site-header__brand" href="/admin"><span class="site-header__product">Helder ${escape(admin.admin)}</span></a></div></header>
<main id="inhoud" class="site-main"><h1 class="nl-heading nl-heading--level-1">${escape(t.pageTitle)}</h1>${contentProblemsPanel(problems, lang)}<p class="nl-paragraph"><a class="nl-link" href="/admin">${escape(t.toDashboard)}</a></p></main>
</body>
</html>`;
  // 503: the screen is there but cannot work until the content is fixed; nothing is cached.
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
