import type { Language } from '../domain/index.ts';

/**
 * Reminders (issue 11, item 6): the banner on every admin page and the internal mails that keep
 * promises — a promised update that is due, and a message or public change that waits for an
 * approver. Dutch first; English typed against it.
 */
const nl = {
  banner: {
    title: 'Herinnering',
    /** 10 minutes before the promised time. */
    soon: (incident: string, time: string) => `Over 10 minuten is de volgende update van “${incident}” beloofd (${time}).`,
    /** At or after the promised time. */
    due: (incident: string, time: string) => `De volgende update van “${incident}” was beloofd op ${time} en is nog niet aangeboden.`,
    drill: 'Oefening',
    action: 'Naar het incident',
  },
  updateMail: {
    drillSubjectPrefix: 'OEFENING',
    drillNote: 'Dit is een oefening. Het incident hoort bij een oefening; er is niets aan de hand.',
    subjectSoon: (incident: string, time: string) => `Herinnering: update van “${incident}” verwacht op ${time}`,
    subjectDue: (incident: string, time: string) => `Herinnering: update van “${incident}” was beloofd op ${time}`,
    soon: (time: string) => `Op de statuspagina staat dat de volgende update op ${time} komt. Dat is over 10 minuten.`,
    due: (time: string) => `Op de statuspagina staat dat de volgende update op ${time} zou komen. Die tijd is nu voorbij en er is nog geen update aangeboden.`,
    advice: 'Plaats een update, ook als er nog niets nieuws is, of beloof een nieuwe tijd.',
    action: 'Naar het incident:',
    why: 'U krijgt dit bericht omdat u incidentmanager van dit incident of opsteller bent in Helder.',
  },
  approvalMail: {
    drillSubjectPrefix: 'OEFENING',
    drillNote: 'Dit is een oefening. Wat op u wacht hoort bij een oefening; er gaat niets naar buiten.',
    subjectMessage: (title: string) => `Wacht op uw goedkeuring: bericht “${title}”`,
    subjectChange: (title: string) => `Wacht op uw goedkeuring: wijziging van “${title}”`,
    message: (author: string) => `${author} heeft een bericht aangeboden. Het gaat pas naar de ontvangers als een goedkeurder het goedkeurt.`,
    change: (author: string) => `${author} heeft een wijziging van de statuspagina aangeboden. Die komt pas op de statuspagina als een goedkeurder haar goedkeurt.`,
    reviewAfterwards: (author: string) => `${author} heeft de eerste melding direct op de statuspagina gezet. Kijk haar zo snel mogelijk na.`,
    action: 'Bekijken en beslissen:',
    why: 'U krijgt dit bericht omdat u goedkeurder bent in Helder.',
  },
};

export type ReminderTexts = typeof nl;

const en: ReminderTexts = {
  banner: {
    title: 'Reminder',
    soon: (incident, time) => `The next update of “${incident}” is promised in 10 minutes (${time}).`,
    due: (incident, time) => `The next update of “${incident}” was promised on ${time} and has not been offered yet.`,
    drill: 'Drill',
    action: 'Go to the incident',
  },
  updateMail: {
    drillSubjectPrefix: 'DRILL',
    drillNote: 'This is a drill. The incident belongs to a drill; nothing is wrong.',
    subjectSoon: (incident, time) => `Reminder: update of “${incident}” expected on ${time}`,
    subjectDue: (incident, time) => `Reminder: update of “${incident}” was promised on ${time}`,
    soon: (time) => `The status page says the next update comes on ${time}. That is in 10 minutes.`,
    due: (time) => `The status page says the next update would come on ${time}. That time has passed and no update has been offered yet.`,
    advice: 'Post an update, even when there is nothing new yet, or promise a new time.',
    action: 'Go to the incident:',
    why: 'You receive this message because you are the incident manager of this incident or a composer in Helder.',
  },
  approvalMail: {
    drillSubjectPrefix: 'DRILL',
    drillNote: 'This is a drill. What waits for you belongs to a drill; nothing goes out.',
    subjectMessage: (title) => `Waiting for your approval: message “${title}”`,
    subjectChange: (title) => `Waiting for your approval: change of “${title}”`,
    message: (author) => `${author} offered a message. It goes to its recipients only after an approver approves it.`,
    change: (author) => `${author} offered a change of the status page. It reaches the status page only after an approver approves it.`,
    reviewAfterwards: (author) => `${author} put the first notice on the status page at once. Please review it as soon as possible.`,
    action: 'Look and decide:',
    why: 'You receive this message because you are an approver in Helder.',
  },
};

export function reminderMessages(lang: Language): ReminderTexts {
  return lang === 'en' ? en : nl;
}
