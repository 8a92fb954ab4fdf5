import { readIncidentFile, readMaintenanceFile } from '../../content/write-content.ts';
import { affectedMunicipalities, localize, Refusal, type ChannelContent, type ChannelDestination, destinationsFor } from '../../domain/index.ts';
import type { MessageDraft } from '../../domain/message-lifecycle.ts';
import { listChannelDestinations } from '../../store/channels-repository.ts';
import { absoluteUrl, paths } from '../../site/urls.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * What the channel messages of one message say, and which destinations get them: the destinations
 * of every municipality the incident or maintenance touches, and the vendor-wide ones. Read from
 * the context's content and the store, so approval (inside its transaction) and the compose
 * preview see the same.
 */
export function channelsOfMessage(
  ctx: Pick<UseCaseContext, 'db' | 'content' | 'publicUrl'>,
  message: { id: string; draft: MessageDraft },
  rendering: { subject: string; statusPageMarkdown: string },
  approvedAt: Date,
): { content: ChannelContent; destinations: ChannelDestination[] } {
  const { draft } = message;
  const { subject, catalogue, municipalities } = subjectScope(ctx, draft);
  const productIds = draft.subject.kind === 'incident' && Object.keys(draft.components).length > 0 ? Object.keys(draft.components) : subject.components;
  const products = productIds.map((id) => {
    const component = catalogue.components.find((candidate) => candidate.id === id);
    return { id, name: component ? localize(component.name, 'nl').text : id, status: draft.components[id] ?? null };
  });
  const workaround = draft.values.nl.workaround;
  const content: ChannelContent = {
    messageId: message.id,
    subject: draft.subject,
    title: rendering.subject,
    body: rendering.statusPageMarkdown,
    status: draft.status,
    products,
    municipalities: municipalities.map((municipality) => ({ id: municipality.id, name: municipality.name })),
    meanwhile: typeof workaround === 'string' && workaround.trim() ? workaround.trim() : null,
    nextUpdateAt: draft.next_update_at?.toISOString() ?? null,
    link: absoluteUrl(ctx.publicUrl, draft.subject.kind === 'incident' ? paths.incident('nl', draft.subject.id) : paths.maintenance('nl', draft.subject.id)),
    approvedAt: approvedAt.toISOString(),
    drill: draft.drill,
    test: false,
  };
  return { content, destinations: destinationsFor(listChannelDestinations(ctx.db), municipalities.map((municipality) => municipality.id)) };
}

/** The destinations a message about this subject goes to now, as the approval hash binds them. */
export function channelDestinationsOf(ctx: Pick<UseCaseContext, 'db' | 'content'>, draft: MessageDraft): ChannelDestination[] {
  const { municipalities } = subjectScope(ctx, draft);
  return destinationsFor(listChannelDestinations(ctx.db), municipalities.map((municipality) => municipality.id));
}

function subjectScope(ctx: Pick<UseCaseContext, 'content'>, draft: MessageDraft) {
  const subject =
    draft.subject.kind === 'incident' ? readIncidentFile(ctx.content.dir, draft.subject.id) : readMaintenanceFile(ctx.content.dir, draft.subject.id);
  if (!subject) throw new Refusal('subject_not_found', { detail: `${draft.subject.kind} ${draft.subject.id}` });
  const catalogue = ctx.content.readCatalogue();
  return { subject, catalogue, municipalities: affectedMunicipalities(subject, catalogue.municipalities) };
}
