import { SiteSchema, type Site } from '../domain/index.ts';

/**
 * The site the template checks, previews of the examples, golden files and the benchmark render
 * with. Real deployments pass their own site (content/site.yaml) to `render`.
 */
export const EXAMPLE_SITE: Site = SiteSchema.parse({
  url: 'https://status.voorbeeldsoftware.nl',
  page_id: 'vbsw2026hldr',
  vendor: {
    name: 'Voorbeeld Software B.V.',
    url: 'https://www.voorbeeldsoftware.nl',
    support_email: 'servicedesk@voorbeeldsoftware.nl',
    support_phone: '030 123 45 67',
  },
  title: { nl: 'Status van Voorbeeld Software', en: 'Voorbeeld Software status' },
  brand: { primary: '#1d4f91', on_primary: '#ffffff', primary_dark: '#8fb8f0' },
});
