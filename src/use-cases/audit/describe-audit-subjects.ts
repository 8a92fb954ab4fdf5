import type { LocalizedText } from '../../domain/index.ts';
import type { AuditEntry } from '../../store/audit-log.ts';
import { findDrill } from '../../store/drills-repository.ts';
import { findMessage } from '../../store/messages-repository.ts';
import { findUserById } from '../../store/user-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * What each entry's subject is called by the people who read the audit log: the incident's or
 * maintenance's title (also for a message about it), a colleague's name, a drill's scenario. Keyed
 * by the entry's sequence number; an entry whose subject cannot be found (a removed contact, a
 * test message) is left out, and the screen names only the kind of subject.
 */
export function describeAuditSubjects(ctx: UseCaseContext, caller: Caller, input: { entries: readonly AuditEntry[] }): Map<number, LocalizedText> {
  authorise(caller, 'audit.view');
  // The audit log must stay readable while a content file is broken: titles are then left out.
  let content: ReturnType<UseCaseContext['content']['read']> | null = null;
  try {
    content = ctx.content.read();
  } catch {
    content = null;
  }
  const titleOf = (kind: string, id: string): LocalizedText | null => {
    if (!content) return null;
    if (kind === 'incident') return content.incidents.find((incident) => incident.id === id)?.title ?? null;
    if (kind === 'maintenance') return content.maintenances.find((maintenance) => maintenance.id === id)?.title ?? null;
    return null;
  };
  const titles = new Map<number, LocalizedText>();
  for (const entry of input.entries) {
    if (!entry.subject) continue;
    const { type, id } = entry.subject;
    let title: LocalizedText | null = null;
    if (type === 'incident' || type === 'maintenance') title = titleOf(type, id);
    else if (type === 'message') {
      const subject = findMessage(ctx.db, id)?.draft.subject;
      title = subject ? titleOf(subject.kind, subject.id) : null;
    } else if (type === 'user' && /^\d+$/.test(id)) title = findUserById(ctx.db, Number(id))?.name ?? null;
    else if (type === 'drill' && /^\d+$/.test(id)) title = findDrill(ctx.db, Number(id))?.scenario.title ?? null;
    if (title) titles.set(entry.seq, title);
  }
  return titles;
}
