import { maskChannelUrl, type ChannelKind } from '../../domain/index.ts';
import { listChannelDestinations } from '../../store/channels-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/** A destination as screens see it: the URL masked, the secret absent. */
export interface ChannelView {
  id: number;
  kind: ChannelKind;
  name: string;
  municipality: { id: string; name: string } | null;
  maskedUrl: string;
  createdAt: Date;
  createdBy: string;
}

export function listChannels(ctx: UseCaseContext, caller: Caller): ChannelView[] {
  authorise(caller, 'settings.manage');
  const municipalities = new Map(ctx.content.readCatalogue().municipalities.map((municipality) => [municipality.id, municipality.name]));
  return listChannelDestinations(ctx.db).map((destination) => ({
    id: destination.id,
    kind: destination.kind,
    name: destination.name,
    municipality: destination.municipality === null ? null : { id: destination.municipality, name: municipalities.get(destination.municipality) ?? destination.municipality },
    maskedUrl: maskChannelUrl(destination.url),
    createdAt: destination.createdAt,
    createdBy: destination.createdBy,
  }));
}
