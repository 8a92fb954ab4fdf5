import type { Language } from '../domain/index.ts';
import { adminMessages } from '../i18n/admin-messages.ts';

const TITLES: Record<number, { nl: string; en: string }> = {
  400: { nl: 'Ongeldig verzoek', en: 'Bad request' },
  401: { nl: 'Niet aangemeld', en: 'Not signed in' },
  403: { nl: 'Geen toegang', en: 'No access' },
  404: { nl: 'Niet gevonden', en: 'Not found' },
  405: { nl: 'Niet toegestaan', en: 'Method not allowed' },
  409: { nl: 'Niet (meer) mogelijk', en: 'No longer possible' },
  415: { nl: 'Geen formulier', en: 'Not a form' },
  500: { nl: 'Er ging iets mis', en: 'Something went wrong' },
  503: { nl: 'Niet beschikbaar', en: 'Unavailable' },
};

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A small complete page for refusals (403, 404, …), in the admin's look, for handlers that must
 * answer before any page is rendered. No inline script or style, so the admin CSP holds.
 */
export function errorPageResponse(status: number, lang: Language, text: string, headers: Record<string, string> = {}): Response {
  const t = adminMessages(lang);
  const title = (TITLES[status] ?? TITLES[500]!)[lang];
  const html = `<!doctype html>
<html lang="${lang}" class="utrecht-root voorbeeld-theme">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} – Helder ${escape(t.admin)}</title><link rel="stylesheet" href="/admin/stijl.css"></head>
<body>
<header class="utrecht-page-header site-header"><div class="utrecht-page-header__content site-header__content"><a class="site-header__brand" href="/admin"><span class="site-header__product">Helder ${escape(t.admin)}</span></a></div></header>
<main id="inhoud" class="site-main"><h1 class="nl-heading nl-heading--level-1">${escape(title)}</h1><p class="nl-paragraph">${escape(text)}</p><p class="nl-paragraph"><a class="nl-link" href="/admin">${escape(t.nav.dashboard)}</a></p></main>
</body>
</html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers } });
}
