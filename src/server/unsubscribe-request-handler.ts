import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UseCaseContext } from '../use-cases/context.ts';
import { describeUnsubscribeToken, unsubscribe, type UnsubscribeResult, type UnsubscribeTarget } from '../use-cases/contacts/unsubscribe.ts';

const PATH = /^\/afmelden\/([A-Za-z0-9._-]{1,80})\/?$/;
const MAX_BODY_BYTES = 4096;

const STYLE =
  'body{font-family:"Noto Sans",system-ui,sans-serif;font-size:1.125rem;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}' +
  'button{font:inherit;padding:.5rem 1rem;border:2px solid #1a1a1a;border-radius:4px;background:#fff;cursor:pointer}' +
  'button:focus-visible{outline:3px solid #0b5394;outline-offset:2px}[lang=en]{color:#444}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/**
 * Serves /afmelden/<token> for our own node:http server, BEFORE Astro's handler: the RFC 8058
 * one-click POST from a mail provider carries no cookies and no Origin, which Astro's origin check
 * would refuse. GET shows a confirmation form (works without JavaScript); POST performs it.
 * Returns false for any other path, so the server passes the request on.
 */
export function createUnsubscribeRequestHandler(ctx: UseCaseContext) {
  return async function handleUnsubscribe(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const token = match[1]!;
    if (request.method === 'GET' || request.method === 'HEAD') {
      const target = describeUnsubscribeToken(ctx, token);
      send(response, target.kind === 'invalid' ? 404 : 200, confirmationPage(target, url.pathname), request.method === 'HEAD');
      return true;
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'GET, HEAD, POST', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return true;
    }
    const body = await readBody(request);
    if (body === null) {
      // The server's body limit (body-limits.ts) refuses a declared oversize body before this;
      // this is the answer for one that grows past it anyway.
      response.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('Request body too large\n');
      return true;
    }
    const oneClick = isOneClickBody(body);
    if (!oneClick && !/(?:^|&)bevestig=ja(?:&|$)/.test(body)) {
      send(response, 400, page('Afmelden niet gelukt', '<p>Het verzoek was onvolledig. Open de link uit de e-mail opnieuw.</p>', '<p lang="en">The request was incomplete. Open the link from the e-mail again.</p>'));
      return true;
    }
    const result = unsubscribe(ctx, token, oneClick ? 'one_click' : 'link');
    if (oneClick) {
      // Mail clients only look at the status code; keep the answer small.
      response.writeHead(result.kind === 'invalid' ? 404 : 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(result.kind === 'invalid' ? 'Unknown or invalid unsubscribe link\n' : 'Afgemeld / Unsubscribed\n');
      return true;
    }
    send(response, result.kind === 'invalid' ? 404 : 200, resultPage(result));
    return true;
  };
}

/** RFC 8058: "List-Unsubscribe=One-Click", form-urlencoded or as a multipart/form-data field. */
function isOneClickBody(body: string): boolean {
  if (/(?:^|&)List-Unsubscribe=One-Click(?:&|$)/.test(body.trim())) return true;
  return /name="?List-Unsubscribe"?\s*\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/i.test(body);
}

/** The body as text, or null once it passes MAX_BODY_BYTES (the rest is drained, not kept). */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, html: string, headOnly = false): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The token is in the URL: never hand it to another site.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  });
  response.end(headOnly ? undefined : html);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(title: string, dutch: string, english: string): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${dutch}<div lang="en">${english}</div></main></body>
</html>
`;
}

function confirmationPage(target: UnsubscribeTarget, action: string): string {
  switch (target.kind) {
    case 'invalid':
      return page(
        'Afmeldlink ongeldig',
        '<p>Deze afmeldlink is ongeldig of hoort bij een contactpersoon die niet meer bestaat. Neem contact op met uw leverancier als u nog berichten ontvangt.</p>',
        '<p>This unsubscribe link is invalid or belongs to a contact that no longer exists. Contact your supplier if you still receive messages.</p>',
      );
    case 'test':
      return page(
        'Testbericht',
        '<p>Deze link kwam uit een testbericht. Er is niemand afgemeld.</p>',
        '<p>This link came from a test message. Nobody was unsubscribed.</p>',
      );
    case 'drill':
      return page(
        'Oefenbericht',
        '<p>Deze link kwam uit een bericht van een brandoefening. Er is niemand afgemeld en er is niets veranderd.</p>',
        '<p>This link came from a drill message. Nobody was unsubscribed and nothing changed.</p>',
      );
    case 'subscriber':
      if (target.alreadyUnsubscribed || target.email === null) {
        return page('U bent al afgemeld', '<p>Dit adres ontvangt geen storingsberichten meer.</p>', '<p>This address no longer receives outage messages.</p>');
      }
      return page(
        'Afmelden voor storingsberichten',
        `<p>Wilt u dat <strong>${escapeHtml(target.email)}</strong> geen storings- en onderhoudsberichten meer ontvangt? Uw aanmelding en uw keuzes worden dan verwijderd.</p>` +
          `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="bevestig" value="ja"><button type="submit">Ja, afmelden / Yes, unsubscribe</button></form>`,
        `<p>Do you want <strong>${escapeHtml(target.email)}</strong> to stop receiving outage and maintenance messages? Your subscription and choices are then deleted.</p>`,
      );
    case 'contact':
      if (target.alreadyUnsubscribed) {
        return page(
          'U bent al afgemeld',
          `<p><strong>${escapeHtml(target.email)}</strong> ontvangt geen storingsberichten meer.</p>`,
          `<p><strong>${escapeHtml(target.email)}</strong> no longer receives outage messages.</p>`,
        );
      }
      return page(
        'Afmelden voor storingsberichten',
        `<p>Wilt u dat <strong>${escapeHtml(target.email)}</strong> geen storings- en onderhoudsberichten meer ontvangt? Dit geldt voor alle gemeenten waarvoor dit adres contactpersoon is.</p>` +
          `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="bevestig" value="ja"><button type="submit">Ja, afmelden / Yes, unsubscribe</button></form>`,
        `<p>Do you want <strong>${escapeHtml(target.email)}</strong> to stop receiving outage and maintenance messages? This applies to every municipality this address is a contact for.</p>`,
      );
  }
}

function resultPage(result: UnsubscribeResult): string {
  switch (result.kind) {
    case 'unsubscribed':
    case 'already_unsubscribed':
      if (result.email === null) {
        return page('U bent afgemeld', '<p>Dit adres ontvangt geen storingsberichten meer.</p>', '<p>This address will no longer receive outage messages.</p>');
      }
      return page(
        'U bent afgemeld',
        `<p><strong>${escapeHtml(result.email)}</strong> ontvangt geen storingsberichten meer. Was dit een vergissing? Vraag uw leverancier u weer aan te melden.</p>`,
        `<p><strong>${escapeHtml(result.email)}</strong> will no longer receive outage messages. A mistake? Ask your supplier to add you again.</p>`,
      );
    case 'test':
    case 'drill':
      return confirmationPage({ kind: result.kind }, '');
    case 'invalid':
      return confirmationPage({ kind: 'invalid' }, '');
  }
}
