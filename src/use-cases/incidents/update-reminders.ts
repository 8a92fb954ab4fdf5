import { deriveIncidentTimes, localize, type Incident } from '../../domain/index.ts';
import { transaction } from '../../store/database.ts';
import { currentIncidentManagers } from '../../store/incident-managers-repository.ts';
import { listMessages } from '../../store/messages-repository.ts';
import { listPendingPublicChanges } from '../../store/public-changes-repository.ts';
import { findUserById, listUsers } from '../../store/user-repository.ts';
import { renderUpdateReminderMail } from '../../templates/reminder-mail.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { queueInternalMail, type StaffRecipient } from '../internal-mail.ts';

/** How long before the promised time the first reminder comes. */
export const REMINDER_LEAD_MINUTES = 10;
/** A reminder mail is news until the promise is an hour old. */
const REMINDER_MAIL_EXPIRY_MINUTES = 60;

/** A promised update of an open incident that is due within 10 minutes, or overdue. */
export interface UpdateReminder {
  incidentId: string;
  title: Incident['title'];
  promisedAt: Date;
  /** 'voor': within 10 minutes before the promised time; 'nu': the time has come or passed. */
  moment: 'voor' | 'nu';
  drill: boolean;
}

/**
 * The outbox id of one reminder mail: one per incident, promised time and moment, so each is
 * queued once, also across a restart; a new promise (another time) is a new reminder.
 */
export function updateReminderMailId(incidentId: string, promisedAt: Date, moment: 'voor' | 'nu'): string {
  const stamp = promisedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `herinnering-${incidentId}-${stamp}-${moment}`;
}

/**
 * Promises of this context's open incidents that need a reminder now: the promised time of the
 * latest public update ("volgende update verwacht") is at most 10 minutes away or has passed, and
 * nobody has offered the next update yet (no public change and no message about the incident
 * waits for approval). A posted update or a new promise ends the reminder by itself.
 */
function dueReminders(ctx: UseCaseContext, now: Date): UpdateReminder[] {
  const incidents = ctx.content.read().incidents.filter((incident) => !incident.awaiting_approval);
  const offered = new Set(listPendingPublicChanges(ctx.db, ctx.drill).map((change) => change.incidentId));
  for (const message of listMessages(ctx.db, { states: ['submitted'], drill: ctx.drill, limit: 1000 })) {
    if (message.subject.kind === 'incident') offered.add(message.subject.id);
  }
  const reminders: UpdateReminder[] = [];
  for (const incident of incidents) {
    const promisedAt = deriveIncidentTimes(incident).nextUpdateAt;
    if (!promisedAt || offered.has(incident.id)) continue;
    const lead = promisedAt.getTime() - now.getTime();
    if (lead > REMINDER_LEAD_MINUTES * 60_000) continue;
    reminders.push({ incidentId: incident.id, title: incident.title, promisedAt, moment: lead > 0 ? 'voor' : 'nu', drill: ctx.drill });
  }
  return reminders.sort((a, b) => a.promisedAt.getTime() - b.promisedAt.getTime() || a.incidentId.localeCompare(b.incidentId));
}

/** For the banner on every admin page: the promises of this context that need attention now. */
export function listUpdateReminders(ctx: UseCaseContext, caller: Caller): UpdateReminder[] {
  authorise(caller, 'incident.view');
  return dueReminders(ctx, ctx.clock.now());
}

/**
 * Queues the reminder mails that are due (the reminder timer calls it): to the incident's manager
 * and every active composer, once per promise and moment. Only the moment that is due now is
 * mailed: after a restart past the promised time the "in 10 minutes" mail is no news any more.
 * Returns the ids queued now; the caller wakes the dispatcher when there are any.
 */
export function sendUpdateReminders(ctx: UseCaseContext): string[] {
  const now = ctx.clock.now();
  const reminders = dueReminders(ctx, now);
  if (reminders.length === 0) return [];
  const managers = currentIncidentManagers(ctx.db, ctx.drill);
  const composers: StaffRecipient[] = listUsers(ctx.db, { active: true, role: 'composer' });
  const adminUrl = ctx.config.adminUrl.replace(/\/+$/, '');
  const queued: string[] = [];
  for (const reminder of reminders) {
    const messageId = updateReminderMailId(reminder.incidentId, reminder.promisedAt, reminder.moment);
    const manager = managers.get(reminder.incidentId);
    const managerUser = manager ? findUserById(ctx.db, manager.userId) : null;
    const recipients = [...(managerUser?.active ? [managerUser] : []), ...composers];
    const sent = transaction(ctx.db, () =>
      queueInternalMail(ctx, {
        messageId,
        at: now,
        expiryMinutes: REMINDER_MAIL_EXPIRY_MINUTES,
        createdBy: 'herinnering',
        recipients,
        render: (lang) =>
          renderUpdateReminderMail(lang, {
            incidentTitle: localize(reminder.title, lang).text,
            promisedAt: reminder.promisedAt,
            moment: reminder.moment,
            incidentUrl: `${adminUrl}/admin/incidenten/${encodeURIComponent(reminder.incidentId)}`,
            drill: ctx.drill,
          }),
      }),
    );
    if (sent) queued.push(messageId);
  }
  return queued;
}
