import type { Language } from '../domain/index.ts';

/**
 * The words of approval for everything public (issue 11, item 4): what every incident form says
 * will happen, and the approver's block on the incident page. Dutch first, English typed against it.
 */
const nl = {
  /** Right above each submit button: the person always knows what the click does. */
  whatHappens: {
    toApprover: 'Dit gaat naar de goedkeurder. Het staat pas op de statuspagina als een collega het heeft goedgekeurd.',
    firstNotice:
      'Dit gaat naar de goedkeurder. Alleen als u zelf de incidentmanager bent en de status “Onderzoek” kiest, staat deze eerste melding direct op de statuspagina; een goedkeurder controleert hem daarna.',
  },
  startedAt: 'Begonnen om',
  startedAtHint: 'Wanneer begon de storing? Laat leeg als dat nu is. Nederlandse tijd.',
  notPublicYet: 'Dit incident staat nog niet op de statuspagina. De opening wacht op goedkeuring.',
  listMark: 'Nog niet op de statuspagina',
  rejectedOpening: 'Dit incident is afgewezen en komt niet op de statuspagina. Open zo nodig een nieuw, verbeterd incident.',
  atOnceMark: (name: string) => `Eerste melding direct op de statuspagina gezet door ${name}, zonder goedkeuring vooraf.`,
  heading: 'Wacht op goedkeuring',
  decisionsHeading: 'Besluiten over de statuspagina',
  kinds: {
    open: 'Incident openen',
    update: 'Update',
    change: 'Incident wijzigen',
    resolve: 'Oplossen',
    merge: 'Samenvoegen met een ander incident',
  },
  merge: {
    heading: 'Dubbel incident samenvoegen',
    intro: 'Is dit dezelfde storing als een ander lopend incident? Dan wordt dit incident gesloten en verwijst de pagina ervan naar het incident dat doorgaat. Links en feeds blijven werken.',
    into: 'Incident dat doorgaat',
    body: 'Uitleg op de statuspagina',
    bodyHint: 'Bijvoorbeeld: “Dit is dezelfde storing als ‘Registra BRP landelijk niet bereikbaar’. Volg daar de updates.”',
    submit: 'Samenvoegen',
  },
  atOnceKind: 'Eerste melding (al op de statuspagina, controle achteraf)',
  offeredBy: (name: string, at: string) => `Aangeboden door ${name} op ${at}`,
  states: {
    pending: 'Wacht op goedkeuring',
    approved: (name: string, at: string) => `Goedgekeurd door ${name} op ${at}`,
    rejected: (name: string, at: string) => `Afgewezen door ${name} op ${at}. Reden:`,
    voided: (at: string) => `Vervallen op ${at}: het incident was intussen veranderd`,
  },
  fields: {
    title: 'Titel',
    impact: 'Impact',
    status: 'Status',
    text: 'Tekst op de statuspagina',
    textEn: 'Engelse tekst',
    products: 'Producten',
    scope: 'Gemeenten',
    scopeAll: 'Alle gemeenten',
    nextUpdate: 'Volgende update verwacht',
    workaround: 'Wat gemeenten intussen kunnen doen',
    into: 'Gaat verder in',
  },
  ownOffer: 'U heeft dit zelf aangeboden. Een collega moet het goedkeuren.',
  approve: 'Goedkeuren en op de statuspagina zetten',
  review: 'Controle afronden',
  reject: 'Afwijzen',
  reason: 'Reden van afwijzing',
  reasonHint: 'Minstens 5 tekens. De opsteller ziet deze reden.',
  dashboard: (count: number) => (count === 1 ? '1 wijziging van de statuspagina wacht op goedkeuring' : `${count} wijzigingen van de statuspagina wachten op goedkeuring`),
};

export type PublicApprovalTexts = typeof nl;

const en: PublicApprovalTexts = {
  whatHappens: {
    toApprover: 'This goes to the approver. It appears on the status page only once a colleague has approved it.',
    firstNotice:
      'This goes to the approver. Only if you are the incident manager yourself and choose the status “Investigating” does this first notice appear on the status page at once; an approver reviews it afterwards.',
  },
  startedAt: 'Began at',
  startedAtHint: 'When did the outage begin? Leave empty if that is now. Dutch time.',
  notPublicYet: 'This incident is not on the status page yet. Its opening waits for approval.',
  listMark: 'Not on the status page yet',
  rejectedOpening: 'This incident was rejected and will not appear on the status page. Open a new, corrected incident if needed.',
  atOnceMark: (name: string) => `First notice put on the status page at once by ${name}, without approval beforehand.`,
  heading: 'Waiting for approval',
  decisionsHeading: 'Decisions about the status page',
  kinds: {
    open: 'Open incident',
    update: 'Update',
    change: 'Change incident',
    resolve: 'Resolve',
    merge: 'Merge into another incident',
  },
  merge: {
    heading: 'Merge a duplicate incident',
    intro: 'Is this the same outage as another open incident? Then this incident is closed and its page points to the incident that goes on. Links and feeds keep working.',
    into: 'Incident that goes on',
    body: 'Explanation on the status page',
    bodyHint: 'For example: “This is the same outage as ‘Registra BRP unavailable nationwide’. Follow the updates there.”',
    submit: 'Merge',
  },
  atOnceKind: 'First notice (already on the status page, review afterwards)',
  offeredBy: (name: string, at: string) => `Offered by ${name} on ${at}`,
  states: {
    pending: 'Waiting for approval',
    approved: (name: string, at: string) => `Approved by ${name} on ${at}`,
    rejected: (name: string, at: string) => `Rejected by ${name} on ${at}. Reason:`,
    voided: (at: string) => `Void since ${at}: the incident changed in the meantime`,
  },
  fields: {
    title: 'Title',
    impact: 'Impact',
    status: 'Status',
    text: 'Text on the status page',
    textEn: 'English text',
    products: 'Products',
    scope: 'Municipalities',
    scopeAll: 'All municipalities',
    nextUpdate: 'Next update expected',
    workaround: 'What municipalities can do meanwhile',
    into: 'Goes on in',
  },
  ownOffer: 'You offered this yourself. A colleague must approve it.',
  approve: 'Approve and put on the status page',
  review: 'Finish review',
  reject: 'Reject',
  reason: 'Reason for rejection',
  reasonHint: 'At least 5 characters. The author sees this reason.',
  dashboard: (count: number) => (count === 1 ? '1 change of the status page waits for approval' : `${count} changes of the status page wait for approval`),
};

export function publicApprovalMessages(lang: Language): PublicApprovalTexts {
  return lang === 'en' ? en : nl;
}
