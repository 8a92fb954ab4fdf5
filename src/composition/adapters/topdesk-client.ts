import { TOPDESK_FIELDS } from '../../domain/index.ts';
import type { TopdeskPort } from '../../use-cases/context.ts';

/** TOPdesk refused or kept failing; `kind` says which, the message says what to do. */
export class TopdeskError extends Error {
  readonly kind: 'unauthorized' | 'refused' | 'unavailable';
  constructor(kind: 'unauthorized' | 'refused' | 'unavailable', message: string) {
    super(message);
    this.name = 'TopdeskError';
    this.kind = kind;
  }
}

export interface TopdeskClientOptions {
  url: string;
  username: string;
  applicationPassword: string;
  mappingFile: string;
  /** Incidents per page (TOPdesk allows up to 10000). */
  pageSize?: number;
  /** Tries per page for 429, 5xx and lost connections. */
  attempts?: number;
  /** First backoff; doubles per retry. A Retry-After header wins (capped at 60 s). */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * TOPdesk's REST API for incidents: `GET /tas/api/incidents` with a FIQL `query` on the creation
 * date, `fields`, `sort`, paging with `pageStart`/`pageSize` (206 Partial Content while more
 * pages follow, 200 for the last, 204 for none), Basic authentication with an application
 * password.
 */
export function createTopdeskClient(options: TopdeskClientOptions): TopdeskPort {
  const pageSize = options.pageSize ?? 100;
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 2_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.applicationPassword}`, 'utf8').toString('base64')}`;
  const base = options.url.replace(/\/+$/, '');

  async function page(since: Date, pageStart: number): Promise<{ incidents: unknown[]; more: boolean }> {
    const url = new URL(`${base}/tas/api/incidents`);
    url.searchParams.set('query', `creationDate=ge=${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
    url.searchParams.set('fields', TOPDESK_FIELDS.join(','));
    url.searchParams.set('sort', 'creationDate:asc');
    url.searchParams.set('pageStart', String(pageStart));
    url.searchParams.set('pageSize', String(pageSize));
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, { headers: { Authorization: authorization, Accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
      } catch (error) {
        if (attempt >= attempts) throw new TopdeskError('unavailable', `TOPdesk at ${base} did not answer after ${attempts} tries: ${(error as Error).message}`);
        await sleep(backoffMs * 2 ** (attempt - 1));
        continue;
      }
      if (response.status === 204) return { incidents: [], more: false };
      if (response.status === 200 || response.status === 206) {
        const body: unknown = await response.json();
        if (!Array.isArray(body)) throw new TopdeskError('refused', `TOPdesk at ${base} answered ${response.status} without a list of incidents`);
        return { incidents: body, more: response.status === 206 };
      }
      await response.arrayBuffer().catch(() => undefined);
      if (response.status === 401 || response.status === 403) {
        throw new TopdeskError('unauthorized', `TOPdesk at ${base} refused the login (${response.status}): check TOPDESK_USERNAME and TOPDESK_APPLICATION_PASSWORD, and that the operator may read incidents`);
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable) throw new TopdeskError('refused', `TOPdesk at ${base} answered ${response.status} to ${url.pathname}`);
      if (attempt >= attempts) throw new TopdeskError('unavailable', `TOPdesk at ${base} answered ${response.status} ${attempts} times; trying again at the next poll`);
      const retryAfter = Number(response.headers.get('retry-after'));
      await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 && response.headers.has('retry-after') ? Math.min(retryAfter, 60) * 1000 : backoffMs * 2 ** (attempt - 1));
    }
  }

  return {
    mappingFile: options.mappingFile,
    async incidentsCreatedSince(since) {
      const incidents: unknown[] = [];
      let pages = 0;
      for (let pageStart = 0; ; pageStart += pageSize) {
        const result = await page(since, pageStart);
        pages += 1;
        incidents.push(...result.incidents);
        if (!result.more || result.incidents.length === 0) return { incidents, pages };
      }
    },
  };
}
