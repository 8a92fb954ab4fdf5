import { stringify } from 'yaml';
import type { Incident, LocalizedText, Maintenance, ReadyTexts } from '../domain/index.ts';

/**
 * Incident and maintenance objects back to the Markdown-with-front-matter files loadContent
 * reads, so that loading a written file gives the same object. Pure: no file access here.
 */

// C0 controls except tab and newline, DEL, C1 controls, and bidi overrides (which can make a
// text read differently from what it says: "Trojan Source").
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Staff-written Markdown made safe to store: line endings normalised, control characters removed,
 * outer whitespace trimmed. Markdown and any raw HTML stay as typed: the site renders with HTML
 * disabled, so `<script>` shows as text rather than running.
 */
export function sanitiseMarkdown(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARACTERS, '').trim();
}

/** Same as sanitiseMarkdown, for each language of a localized text. */
export function sanitiseText<T extends LocalizedText>(value: T): T {
  if (typeof value === 'string') return sanitiseMarkdown(value) as T;
  return { nl: sanitiseMarkdown(value.nl), ...(value.en !== undefined ? { en: sanitiseMarkdown(value.en) } : {}) } as T;
}

/** The ready-made texts of an incident update, made safe like every other staff text. */
export function sanitiseReadyTexts(texts: ReadyTexts): ReadyTexts {
  return {
    ...(texts.burgerbericht !== undefined ? { burgerbericht: sanitiseText(texts.burgerbericht) } : {}),
    ...(texts.kcc_script !== undefined ? { kcc_script: sanitiseText(texts.kcc_script) } : {}),
  };
}

/** ISO 8601 in UTC, without the ".000" a person would never type. */
function timestamp(instant: Date): string {
  return instant.toISOString().replace('.000Z', 'Z');
}

function frontMatterFile(data: Record<string, unknown>, body?: string): string {
  const yaml = stringify(data, { lineWidth: 0 });
  return `---\n${yaml}---\n${body ? `${body}\n` : ''}`;
}

/** content/incidents/<id>.md: the fields as front matter, the postmortem as the body. */
export function serialiseIncident(incident: Incident): string {
  if (incident.postmortem !== undefined && typeof incident.postmortem !== 'string') {
    throw new Error(`incident "${incident.id}": the postmortem is stored as the file's Markdown body and must be one text, not per language`);
  }
  const data: Record<string, unknown> = {
    title: sanitiseText(incident.title),
    impact: incident.impact,
    components: [...incident.components],
    scope: incident.scope === 'all' ? 'all' : { municipalities: [...incident.scope.municipalities] },
    ...(incident.started_at ? { started_at: timestamp(incident.started_at) } : {}),
    ...(incident.workaround !== undefined ? { workaround: sanitiseText(incident.workaround) } : {}),
    // Written only when true: public files never carry the flag, drill files always do.
    ...(incident.drill ? { drill: true } : {}),
    ...(incident.awaiting_approval ? { awaiting_approval: true } : {}),
    ...(incident.merged_into ? { merged_into: incident.merged_into } : {}),
    updates: incident.updates.map((update) => ({
      at: timestamp(update.at),
      status: update.status,
      ...(Object.keys(update.components).length > 0 ? { components: { ...update.components } } : {}),
      ...(update.next_update_at ? { next_update_at: timestamp(update.next_update_at) } : {}),
      body: sanitiseText(update.body),
      ...sanitiseReadyTexts(update),
    })),
  };
  return frontMatterFile(data, incident.postmortem === undefined ? undefined : sanitiseMarkdown(incident.postmortem));
}

/** content/maintenance/<id>.md: front matter only (loadContent refuses a maintenance body). */
export function serialiseMaintenance(maintenance: Maintenance): string {
  const data: Record<string, unknown> = {
    title: sanitiseText(maintenance.title),
    description: sanitiseText(maintenance.description),
    components: [...maintenance.components],
    scope: maintenance.scope === 'all' ? 'all' : { municipalities: [...maintenance.scope.municipalities] },
    scheduled_for: timestamp(maintenance.scheduled_for),
    scheduled_until: timestamp(maintenance.scheduled_until),
    ...(maintenance.drill ? { drill: true } : {}),
    ...(maintenance.updates.length > 0
      ? { updates: maintenance.updates.map((update) => ({ at: timestamp(update.at), status: update.status, body: sanitiseText(update.body) })) }
      : {}),
  };
  return frontMatterFile(data);
}
