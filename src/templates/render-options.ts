import { fieldPath } from '../domain/index.ts';
import { SiteSchema, type Site } from '../domain/index.ts';
import { problem, TemplateError } from './template-error.ts';
import { UNSUBSCRIBE_PLACEHOLDER } from './unsubscribe-placeholder.ts';

/** The site passed to render, validated once per site object (`validSites` remembers the good ones). */
export function checkedSite(site: Site | undefined, templateId: string, validSites: WeakSet<Site>): Site {
  if (site && validSites.has(site)) return site;
  const parsed = SiteSchema.safeParse(site);
  if (!parsed.success || !site) {
    throw new TemplateError([
      problem({
        code: 'invalid_options',
        template: templateId,
        variable: 'options.site',
        message: `options.site is not a valid site: ${parsed.success ? 'missing' : parsed.error.issues.map((issue) => `${fieldPath(issue.path)} ${issue.message}`).join('; ')}`,
        fix: 'pass the site loaded from content/site.yaml',
      }),
    ]);
  }
  validSites.add(site);
  return site;
}

/** The recipient's unsubscribe link, or the placeholder that approval hashes are computed over. */
export function checkedUnsubscribeUrl(url: string | undefined, templateId: string): string {
  if (url === undefined) return UNSUBSCRIBE_PLACEHOLDER;
  if (typeof url === 'string' && /^https:\/\/[^\s"'<>]+$/.test(url) && URL.canParse(url)) return url;
  throw new TemplateError([
    problem({
      code: 'invalid_options',
      template: templateId,
      variable: 'options.unsubscribeUrl',
      message: 'options.unsubscribeUrl must be an https: address without spaces or quotes',
      fix: 'pass the signed one-click unsubscribe URL, or leave it out to get the placeholder',
    }),
  ]);
}
