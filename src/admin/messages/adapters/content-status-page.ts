import { readIncidentFile, readMaintenanceFile, writeIncidentFile, writeMaintenanceFile } from '../../../content/write-content.ts';
import { IncidentSchema } from '../../../domain/incident.ts';
import { MaintenanceSchema, type MaintenanceUpdate } from '../../../domain/maintenance.ts';
import type { ComponentStatus, IncidentStatus, MaintenanceStatus } from '../../../domain/vocabulary.ts';
import type { z } from 'zod';
import { UnknownMessageSubjectError } from './contact-audience.ts';
import type { StatusPageUpdate, StatusPageWriter } from '../ports.ts';

/**
 * Appends an approved message's status-page text to its incident or maintenance file, through
 * the content writer (atomic, validated by the build's own schema). Drill messages write into the
 * drill content directory only. Idempotent: an update already there at the same instant is kept.
 */
export function createContentStatusPage(options: { contentDir: string; drillContentDir: string }): StatusPageWriter {
  return {
    appendUpdate(update: StatusPageUpdate) {
      const dir = update.drill ? options.drillContentDir : options.contentDir;
      const sameInstant = (entry: { at: Date }) => entry.at.getTime() === update.at.getTime();
      if (update.subject.kind === 'incident') {
        const incident = readIncidentFile(dir, update.subject.id);
        if (!incident) throw new UnknownMessageSubjectError(update.subject);
        if (incident.updates.some(sameInstant)) return;
        const next = parseOrExplain(IncidentSchema, `incidents/${update.subject.id}.md`, {
          ...incident,
          updates: [
            ...incident.updates,
            {
              at: update.at,
              status: update.status as IncidentStatus,
              body: update.body,
              components: update.components as Record<string, ComponentStatus>,
              ...(update.nextUpdateAt ? { next_update_at: update.nextUpdateAt } : {}),
              ...update.readyTexts,
            },
          ].map((entry) => ({ ...entry, at: entry.at.toISOString(), ...(entry.next_update_at ? { next_update_at: entry.next_update_at.toISOString() } : {}) })),
        });
        writeIncidentFile(dir, next);
        return;
      }
      const maintenance = readMaintenanceFile(dir, update.subject.id);
      if (!maintenance) throw new UnknownMessageSubjectError(update.subject);
      if (maintenance.updates.some(sameInstant)) return;
      const added: MaintenanceUpdate = { at: update.at, status: update.status as MaintenanceStatus, body: update.body };
      const next = parseOrExplain(MaintenanceSchema, `maintenance/${update.subject.id}.md`, {
        ...maintenance,
        scheduled_for: maintenance.scheduled_for.toISOString(),
        scheduled_until: maintenance.scheduled_until.toISOString(),
        updates: [...maintenance.updates, added].map((entry) => ({ ...entry, at: entry.at.toISOString() })),
      });
      writeMaintenanceFile(dir, next);
    },
  };
}

/** The build's own schema decides; its complaint names the file and field, as the dashboard shows it. */
function parseOrExplain<S extends z.ZodType>(schema: S, file: string, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
  throw new Error(`the update cannot be added to ${file}: ${problems.join('; ')}`);
}
