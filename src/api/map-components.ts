import { localize, type PublicComponent } from '../domain/index.ts';
import { isoTime, type ApiContext } from './api-context.ts';
import type { ApiComponent, ApiGroupComponent } from './schemas.ts';
import { apiId } from './statuspage-ids.ts';

/** Every product as a Statuspage component, keyed by our product id. */
export function apiComponentsById(context: ApiContext): Map<string, ApiComponent> {
  const byId = new Map<string, ApiComponent>();
  for (const group of context.model.groups) {
    group.components.forEach((entry, index) => byId.set(entry.component.id, toApiComponent(context, entry, index + 1)));
  }
  return byId;
}

function toApiComponent(context: ApiContext, entry: PublicComponent, position: number): ApiComponent {
  return {
    id: apiId('component', entry.component.id),
    name: entry.component.name,
    status: entry.status,
    created_at: isoTime(context.epoch),
    updated_at: isoTime(entry.statusSince ?? context.epoch),
    position,
    description: localize(entry.component.description, 'nl').text,
    // Every product has a 90-day uptime bar on the page.
    showcase: true,
    start_date: null,
    group_id: apiId('group', entry.component.group),
    page_id: context.pageId,
    group: false,
    only_show_if_degraded: false,
  };
}

/** The components list of components.json and summary.json: each group row, then its products. */
export function toApiComponentList(context: ApiContext, byId: Map<string, ApiComponent>): Array<ApiGroupComponent | ApiComponent> {
  const rows: Array<ApiGroupComponent | ApiComponent> = [];
  context.model.groups.forEach((entry, index) => {
    const children = entry.components.map((member) => byId.get(member.component.id)!);
    const updatedAt = Math.max(context.epoch.getTime(), ...entry.components.map((member) => member.statusSince?.getTime() ?? 0));
    rows.push({
      id: apiId('group', entry.group.id),
      name: localize(entry.group.name, 'nl').text,
      status: entry.status,
      created_at: isoTime(context.epoch),
      updated_at: isoTime(new Date(updatedAt)),
      position: index + 1,
      description: entry.group.description ? localize(entry.group.description, 'nl').text : null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: context.pageId,
      group: true,
      only_show_if_degraded: false,
      components: children.map((child) => child.id),
    });
    rows.push(...children);
  });
  return rows;
}
