import type { IncomingMessage, ServerResponse } from 'node:http';
import { Refusal, type Language, type Problem } from '../domain/index.ts';
import { refusalText } from '../i18n/refusals.ts';
import { subscriptionMessages } from '../i18n/subscription-messages.ts';
import { readCatalogue } from '../use-cases/catalogue/read-catalogue.ts';
import type { UseCaseContext } from '../use-cases/context.ts';
import { confirmSubscription, describeSubscriptionRequest } from '../use-cases/subscriptions/confirm-subscription.ts';
import { cancelSubscription, findManagedSubscription, saveSubscriptionChoices, type ManagedSubscription } from '../use-cases/subscriptions/manage-subscription.ts';
import { requestSubscription } from '../use-cases/subscriptions/request-subscription.ts';
import { choicesSummary, choiceFields, errorSummary, escapeHtml, subscribeForm, subscriptionPage, SUBSCRIPTION_STYLE_HASH, type CatalogueForPages, type ChoicesFormValues } from './subscription-pages.ts';

const MAX_BODY_BYTES = 32 * 1024;
const CONFIRM = /^\/abonneren\/bevestigen\/([A-Za-z0-9_-]{1,100})\/?$/;
const MANAGE = /^\/abonneren\/beheren\/([A-Za-z0-9._-]{1,100})\/?$/;

export interface SubscriptionHandlerOptions {
  /** The client address the rate limit counts (the composition root applies HELDER_TRUST_PROXY). */
  clientOf: (request: IncomingMessage) => string;
}

/**
 * Serves /abonneren on the admin server, before Astro: the public page's form posts here from
 * another origin (the status page may be static files on another host), and the links in the
 * mails come here. The public status page never depends on it.
 *
 * - GET/POST /abonneren: the form with every choice; the POST answers the same for any address.
 * - GET/POST /abonneren/bevestigen/<token>: GET shows a confirm button and changes nothing (mail
 *   scanners follow links); POST confirms.
 * - GET/POST /abonneren/beheren/<token>: change municipalities, products, language, or unsubscribe.
 * - GET /abonneren/privacy: what is stored, why and for how long.
 */
export function createSubscriptionRequestHandler(ctx: UseCaseContext, options: SubscriptionHandlerOptions) {
  return async function handleSubscription(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path !== '/abonneren' && !path.startsWith('/abonneren/')) return false;
    const method = request.method ?? 'GET';
    const isRead = method === 'GET' || method === 'HEAD';
    if (!isRead && method !== 'POST') {
      response.writeHead(405, { Allow: 'GET, HEAD, POST', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return true;
    }
    const queryLang: Language = url.searchParams.get('taal') === 'en' ? 'en' : 'nl';
    let form: Record<string, string | string[]> = {};
    if (!isRead) {
      try {
        form = parseForm(await readBody(request));
      } catch {
        response.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Request body too large\n');
        return true;
      }
    }
    const headOnly = method === 'HEAD';
    const reply = (status: number, lang: Language, title: string, body: string) => send(response, status, subscriptionPage(lang, title, body, homeOf(ctx.publicUrl, lang)), headOnly);
    const catalogue = readCatalogue(ctx);

    if (path === '/abonneren') {
      if (isRead) {
        const values: ChoicesFormValues = { municipalities: listOf(url.searchParams.getAll('gemeente')), products: listOf(url.searchParams.getAll('product')), language: queryLang };
        reply(200, queryLang, subscriptionMessages(queryLang).page.title, subscribeForm(queryLang, catalogue, values, [], path));
        return true;
      }
      const lang: Language = form['taal'] === 'en' ? 'en' : 'nl';
      const t = subscriptionMessages(lang);
      try {
        const result = requestSubscription(ctx, { form, client: options.clientOf(request) });
        reply(200, lang, t.sent.title, `<div class="done" role="status"><p>${escapeHtml(t.sent.body(result.email))}</p></div><p>${escapeHtml(t.sent.noMail)}</p>`);
      } catch (error) {
        if (!Refusal.is(error)) throw error;
        if (error.code === 'subscription_rate_limited') {
          reply(429, lang, t.limited.title, `<p>${escapeHtml(refusalText(error, lang))}</p>`);
          return true;
        }
        const values: ChoicesFormValues = { email: textOf(form['email']), municipalities: listOf(form['gemeente']), products: listOf(form['product']), language: lang };
        reply(400, lang, t.page.title, subscribeForm(lang, catalogue, values, error.problems, path));
      }
      return true;
    }

    if (path === '/abonneren/privacy' && isRead) {
      const t = subscriptionMessages(queryLang);
      reply(200, queryLang, t.privacy.title, t.privacy.paragraphs(catalogue.site.vendor.name).map((text) => `<p>${escapeHtml(text)}</p>`).join(''));
      return true;
    }

    const confirm = CONFIRM.exec(path);
    if (confirm) {
      const token = confirm[1]!;
      if (isRead) {
        const pending = describeSubscriptionRequest(ctx, token);
        if (pending.kind === 'invalid') return invalidConfirmation(reply, queryLang);
        const t = subscriptionMessages(pending.language);
        reply(
          200,
          pending.language,
          t.confirm.title,
          `<p>${escapeHtml(t.confirm.body(pending.email))}</p><p>${escapeHtml(choicesSummary(pending.language, catalogue, pending.municipalities, pending.products))}</p>` +
            `<form method="post" action="${escapeHtml(path)}"><button type="submit">${escapeHtml(t.confirm.button)}</button></form>`,
        );
        return true;
      }
      const result = confirmSubscription(ctx, token);
      if (result.kind === 'invalid') return invalidConfirmation(reply, queryLang);
      const t = subscriptionMessages(result.language);
      reply(
        200,
        result.language,
        t.confirm.doneTitle,
        `<div class="done" role="status"><p>${escapeHtml(t.confirm.doneBody(result.email))}</p></div><p><a href="/abonneren/beheren/${escapeHtml(result.manageToken)}">${escapeHtml(t.confirm.manageLink)}</a></p>`,
      );
      return true;
    }

    const manage = MANAGE.exec(path);
    if (manage) {
      const token = manage[1]!;
      if (isRead) return managePage(reply, catalogue, path, findManagedSubscription(ctx, token), [], null, queryLang);
      if (form['actie'] === 'afmelden') return managePage(reply, catalogue, path, cancelSubscription(ctx, token), [], null, queryLang);
      const { actie: _action, ...choices } = form;
      try {
        const saved = saveSubscriptionChoices(ctx, token, choices);
        return managePage(reply, catalogue, path, saved, [], saved.kind === 'subscriber' ? 'saved' : null, queryLang);
      } catch (error) {
        if (!Refusal.is(error)) throw error;
        return managePage(reply, catalogue, path, findManagedSubscription(ctx, token), error.problems, null, queryLang, 400);
      }
    }

    const t = subscriptionMessages(queryLang);
    reply(404, queryLang, t.manage.invalidTitle, `<p>${escapeHtml(t.manage.invalidBody)}</p>`);
    return true;
  };
}

type Reply = (status: number, lang: Language, title: string, body: string) => void;

function invalidConfirmation(reply: Reply, lang: Language): true {
  const t = subscriptionMessages(lang);
  reply(404, lang, t.confirm.invalidTitle, `<p>${escapeHtml(t.confirm.invalidBody)}</p><p><a href="/abonneren${lang === 'en' ? '?taal=en' : ''}">${escapeHtml(t.form.submit)}</a></p>`);
  return true;
}

function managePage(
  reply: Reply,
  catalogue: CatalogueForPages,
  path: string,
  found: ManagedSubscription,
  problems: readonly Problem[],
  notice: 'saved' | null,
  fallbackLang: Language,
  status = 200,
): true {
  if (found.kind === 'invalid') {
    const t = subscriptionMessages(fallbackLang);
    reply(404, fallbackLang, t.manage.invalidTitle, `<p>${escapeHtml(t.manage.invalidBody)}</p>`);
    return true;
  }
  if (found.kind === 'gone') {
    const t = subscriptionMessages(fallbackLang);
    reply(200, fallbackLang, t.manage.goneTitle, `<div class="done" role="status"><p>${escapeHtml(t.manage.goneBody)}</p></div>`);
    return true;
  }
  const { subscriber } = found;
  const lang = subscriber.language;
  const t = subscriptionMessages(lang);
  const values: ChoicesFormValues = { municipalities: subscriber.municipalities, products: subscriber.products, language: subscriber.language };
  reply(
    status,
    lang,
    t.manage.title,
    (notice === 'saved' ? `<div class="done" role="status"><p>${escapeHtml(t.manage.saved)}</p></div>` : '') +
      errorSummary(lang, problems) +
      `<p>${escapeHtml(t.manage.intro(subscriber.email))}</p>` +
      `<form method="post" action="${escapeHtml(path)}">${choiceFields(lang, catalogue, values, problems)}<button type="submit" name="actie" value="opslaan">${escapeHtml(t.manage.save)}</button></form>` +
      `<h2>${escapeHtml(t.manage.unsubscribeHeading)}</h2><p>${escapeHtml(t.manage.unsubscribeIntro)}</p>` +
      `<form method="post" action="${escapeHtml(path)}"><button class="secondary" type="submit" name="actie" value="afmelden">${escapeHtml(t.manage.unsubscribe)}</button></form>`,
  );
  return true;
}

/** application/x-www-form-urlencoded; a field given more than once becomes a list. */
function parseForm(body: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const known = form[key];
    form[key] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  }
  return form;
}

const listOf = (value: string | string[] | undefined): 'all' | string[] => {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.length === 0 ? 'all' : list;
};
const textOf = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

function homeOf(publicUrl: string, lang: Language): string {
  return `${publicUrl.replace(/\/+$/, '')}${lang === 'en' ? '/en/' : '/'}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.destroy();
        reject(new Error('body too large'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, html: string, headOnly: boolean): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // Tokens are in the URL: never hand them to another site.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${SUBSCRIPTION_STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  });
  response.end(headOnly ? undefined : html);
}
