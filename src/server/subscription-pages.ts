import { createHash } from 'node:crypto';
import type { Component, Language, Municipality, Problem } from '../domain/index.ts';
import type { Selection } from '../domain/subscription.ts';
import { problemText } from '../i18n/refusals.ts';
import { subscriptionMessages, type SubscriptionTexts } from '../i18n/subscription-messages.ts';

/**
 * The HTML of the /abonneren pages: plain forms that work without JavaScript, one stylesheet
 * inline (allowed by its hash), labels and fieldsets for every control, an error summary that
 * links to the fields (WCAG 2.2 AA). Texts come from src/i18n/subscription-messages.ts.
 */

export const SUBSCRIPTION_STYLE =
  'body{font-family:"Noto Sans",system-ui,sans-serif;font-size:1.125rem;line-height:1.5;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}' +
  'a{color:#0b4f8a}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}' +
  'label,legend{font-weight:600}fieldset{border:1px solid #6b6b6b;border-radius:4px;margin:1rem 0;padding:.5rem 1rem}' +
  '.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}.choice label{font-weight:400}.choice input{width:1.5rem;height:1.5rem;margin:0}' +
  'input[type=email]{display:block;font:inherit;width:100%;max-width:24rem;padding:.5rem;border:2px solid #1a1a1a;border-radius:4px;margin:.25rem 0 1rem}' +
  'button{font:inherit;min-height:2.75rem;padding:.5rem 1rem;border:2px solid #0b4f8a;border-radius:4px;background:#0b4f8a;color:#fff;cursor:pointer}' +
  'button.secondary{background:#fff;color:#8a1c1c;border-color:#8a1c1c}.error{color:#a4000f;font-weight:600}' +
  '.summary{border:3px solid #a4000f;padding:.5rem 1rem;margin:1rem 0}.done{border-left:6px solid #1d6b2f;padding:.25rem 1rem}';
export const SUBSCRIPTION_STYLE_HASH = createHash('sha256').update(SUBSCRIPTION_STYLE).digest('base64');

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function subscriptionPage(lang: Language, title: string, body: string, backUrl: string): string {
  const t = subscriptionMessages(lang);
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${SUBSCRIPTION_STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}<p><a href="${escapeHtml(backUrl)}">${escapeHtml(t.page.backToStatus)}</a></p></main></body>
</html>
`;
}

export interface ChoicesFormValues {
  email?: string;
  municipalities: Selection;
  products: Selection;
  language: Language;
}

export interface CatalogueForPages {
  municipalities: readonly Municipality[];
  components: readonly Component[];
}

const FIELD_IDS: Record<string, string> = { email: 'email', gemeente: 'gemeente-keuze', product: 'product-keuze', taal: 'taal-keuze' };

/** The error summary at the top of a refused form: each problem links to its field. */
export function errorSummary(lang: Language, problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  const t = subscriptionMessages(lang);
  const items = problems.map((problem) => `<li><a href="#${FIELD_IDS[problem.field] ?? 'email'}">${escapeHtml(problemText(problem, lang))}</a></li>`).join('');
  return `<div class="summary" role="alert" tabindex="-1"><h2>${escapeHtml(t.page.errorSummary)}</h2><ul>${items}</ul></div>`;
}

function fieldErrors(lang: Language, problems: readonly Problem[], field: string): string {
  const own = problems.filter((problem) => problem.field === field);
  return own.map((problem) => `<p class="error" id="${FIELD_IDS[field]}-fout">${escapeHtml(problemText(problem, lang))}</p>`).join('');
}

/** The choice fields shared by the subscribe page and the manage page. */
export function choiceFields(lang: Language, catalogue: CatalogueForPages, values: ChoicesFormValues, problems: readonly Problem[]): string {
  const t = subscriptionMessages(lang);
  const checked = (selection: Selection, id: string) => (selection !== 'all' && selection.includes(id) ? ' checked' : '');
  const municipalities = [...catalogue.municipalities]
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .map((municipality) => choice('checkbox', 'gemeente', municipality.id, municipality.name, checked(values.municipalities, municipality.id)))
    .join('');
  const products = catalogue.components
    .map((component) => choice('checkbox', 'product', component.id, component.name, checked(values.products, component.id)))
    .join('');
  const languages = (['nl', 'en'] as const).map((code) => choice('radio', 'taal', code, t.page.languages[code], values.language === code ? ' checked' : '')).join('');
  return (
    `<fieldset id="gemeente-keuze"><legend>${escapeHtml(t.page.municipalities)}</legend>${fieldErrors(lang, problems, 'gemeente')}${municipalities}</fieldset>` +
    `<fieldset id="product-keuze"><legend>${escapeHtml(t.page.products)}</legend>${fieldErrors(lang, problems, 'product')}${products}</fieldset>` +
    `<fieldset id="taal-keuze"><legend>${escapeHtml(t.page.language)}</legend>${fieldErrors(lang, problems, 'taal')}${languages}</fieldset>`
  );
}

function choice(type: 'checkbox' | 'radio', name: string, value: string, label: string, checked: string): string {
  const id = `${name}-${value}`;
  return `<div class="choice"><input type="${type}" id="${escapeHtml(id)}" name="${name}" value="${escapeHtml(value)}"${checked}><label for="${escapeHtml(id)}">${escapeHtml(label)}</label></div>`;
}

/** The whole subscribe form (GET /abonneren, and a refused POST shown again with its errors). */
export function subscribeForm(lang: Language, catalogue: CatalogueForPages, values: ChoicesFormValues, problems: readonly Problem[], action: string): string {
  const t = subscriptionMessages(lang);
  const emailError = fieldErrors(lang, problems, 'email');
  const described = emailError ? ' aria-describedby="email-fout" aria-invalid="true"' : '';
  return (
    errorSummary(lang, problems) +
    `<p>${escapeHtml(t.page.intro)}</p>` +
    `<form method="post" action="${escapeHtml(action)}" novalidate>` +
    `<label for="email">${escapeHtml(t.form.email)}</label>${emailError}<input type="email" id="email" name="email" autocomplete="email" required value="${escapeHtml(values.email ?? '')}"${described}>` +
    choiceFields(lang, catalogue, values, problems) +
    `<button type="submit">${escapeHtml(t.form.submit)}</button></form>` +
    `<p><a href="${escapeHtml(`${action}/privacy${lang === 'en' ? '?taal=en' : ''}`)}">${escapeHtml(t.form.privacy)}</a></p>`
  );
}

/** "Over: Utrecht, Zwolle. Producten: alle producten." for the confirm page. */
export function choicesSummary(lang: Language, catalogue: CatalogueForPages, municipalities: Selection, products: Selection): string {
  const t: SubscriptionTexts = subscriptionMessages(lang);
  const names = (selection: Selection, all: string, nameOf: (id: string) => string) => (selection === 'all' ? all : selection.map(nameOf).join(', '));
  const municipalityName = (id: string) => catalogue.municipalities.find((municipality) => municipality.id === id)?.name ?? id;
  const productName = (id: string) => {
    const component = catalogue.components.find((candidate) => candidate.id === id);
    return component ? (component.name) : id;
  };
  return t.choices.summary(names(municipalities, t.choices.allMunicipalities, municipalityName), names(products, t.choices.allProducts, productName));
}
