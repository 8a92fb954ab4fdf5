import type { ChannelContent } from '../domain/channel.ts';
import type { ComponentStatus, IncidentStatus, MaintenanceStatus } from '../domain/index.ts';
import { channelMessages } from '../i18n/channel-messages.ts';
import { formatDateTime, messages } from '../i18n/index.ts';

/**
 * The readable parts every chat payload shares, in Dutch (the municipalities read them): title
 * with the drill mark, the status in words, products with their status, municipalities, what to
 * do meanwhile, the next update and the link.
 */
export interface ChannelTexts {
  title: string;
  body: string;
  facts: Array<{ label: string; value: string }>;
  meanwhile: { label: string; text: string } | null;
  link: { label: string; url: string };
}

// A long list of municipalities makes an unreadable card; past this many the card gives the count.
const MAX_LISTED_MUNICIPALITIES = 12;

export function channelTexts(content: ChannelContent): ChannelTexts {
  const t = channelMessages('nl');
  const site = messages('nl');
  const status =
    content.subject.kind === 'incident'
      ? (site.incidentStatus[content.status as IncidentStatus] ?? content.status)
      : (site.maintenanceStatus[content.status as MaintenanceStatus] ?? content.status);
  const products = content.products
    .map((product) => (product.status ? `${product.name} (${(site.componentStatus[product.status as ComponentStatus] ?? product.status).toLowerCase()})` : product.name))
    .join(', ');
  const municipalities =
    content.municipalities.length > MAX_LISTED_MUNICIPALITIES
      ? t.card.allMunicipalities(content.municipalities.length)
      : content.municipalities.map((municipality) => municipality.name).join(', ');
  const facts = [
    { label: t.card.status, value: status },
    ...(products ? [{ label: t.card.products, value: products }] : []),
    ...(municipalities ? [{ label: t.card.municipalities, value: municipalities }] : []),
    { label: t.card.nextUpdate, value: content.nextUpdateAt ? formatDateTime(new Date(content.nextUpdateAt), 'nl') : t.card.noNextUpdate },
  ];
  return {
    // A drill's title already carries the template engine's "OEFENING / DRILL – " mark.
    title: content.title,
    body: content.body,
    facts,
    meanwhile: content.meanwhile ? { label: t.card.meanwhile, text: content.meanwhile } : null,
    link: { label: t.card.link, url: content.link },
  };
}
