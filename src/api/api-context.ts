import type { ReadModel } from '../domain/index.ts';

/** Facts every mapper needs, derived once per read model. */
export interface ApiContext {
  model: ReadModel;
  pageId: string;
  /**
   * Our content has no creation dates for products: the earliest published event stands in as
   * their `created_at`. It only moves if older history is added, so it is stable in practice.
   */
  epoch: Date;
}

export function apiContext(model: ReadModel): ApiContext {
  let epoch = model.generatedAt.getTime();
  for (const entry of model.incidents) epoch = Math.min(epoch, entry.times.startedAt.getTime());
  for (const entry of model.maintenances) {
    epoch = Math.min(epoch, entry.maintenance.scheduled_for.getTime());
    for (const update of entry.updates) epoch = Math.min(epoch, update.at.getTime());
  }
  return { model, pageId: model.site.page_id, epoch: new Date(epoch) };
}

/** The ISO 8601 form every API timestamp uses: UTC with milliseconds. */
export function isoTime(instant: Date): string {
  return instant.toISOString();
}
