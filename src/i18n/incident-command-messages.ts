import type { Language } from '../domain/index.ts';

/**
 * The words of incident command (issue 11): the approver's review before the approve button, the
 * incident manager. Dutch first, English typed against it.
 */
const nl = {
  review: {
    heading: 'Controleer voordat u goedkeurt',
    intro: 'Hieronder staat eerst het bericht in elk kanaal en in elke taal, daarna wie het ontvangt. De knop om goed te keuren staat onderaan.',
    language: (name: string) => `Bericht in het ${name}`,
    languageNames: { nl: 'Nederlands', en: 'Engels' } as Record<Language, string>,
    byMunicipality: 'Ontvangers per gemeente',
    municipalityCount: (name: string, count: number) => `${name}: ${count === 1 ? '1 ontvanger' : `${count} ontvangers`}`,
    unknownMunicipality: 'Contactpersoon bestaat niet meer',
    noRecipients: 'Niemand ontvangt dit bericht per e-mail. Het komt alleen op de statuspagina.',
    decide: 'Uw besluit',
  },
  duplicate: {
    heading: 'Er loopt al een incident voor dit product',
    intro: 'Is dit dezelfde storing? Plaats dan een update bij het lopende incident, zodat gemeenten één verhaal krijgen.',
    item: (title: string, products: string) => `${title} (${products})`,
    confirm: 'Dit is een andere storing: toch een nieuw incident openen',
  },
  change: {
    action: 'Incident wijzigen',
    title: (title: string) => `Wijzigen: ${title}`,
    intro: 'Pas de titel, de impact, de producten of de getroffen gemeenten aan. De wijziging gaat met de uitleg hieronder naar de goedkeurder en staat na goedkeuring op de statuspagina. Berichten per e-mail gaan daarna naar de contactpersonen van de gemeenten zoals ze dan zijn.',
    products: 'Getroffen producten',
    productsHint: 'De status per product wijzigt u met een update.',
    explanation: 'Uitleg op de statuspagina',
    explanationHint: 'Wat is er veranderd en waarom? Bijvoorbeeld: “De storing raakt nu alle gemeenten, niet alleen Utrecht, Zwolle en Den Haag.”',
    submit: 'Wijziging plaatsen',
  },
  manager: {
    label: 'Incidentmanager',
    since: (name: string, at: string) => `${name} (sinds ${at})`,
    none: 'Nog niemand',
    field: 'Incidentmanager',
    fieldHint: 'Wie houdt het overzicht, verdeelt de acties en zorgt dat de stappen van de storingsprocedure worden gezet? Standaard bent u dat zelf.',
    handover: {
      heading: 'Incidentmanager overdragen',
      to: 'Overdragen aan',
      note: 'Overdrachtsnotitie',
      noteHint: 'Wat moet uw opvolger weten? Bijvoorbeeld: wat is beloofd, wat loopt nog, wie is al gebeld.',
      submit: 'Overdragen',
    },
    history: 'Overdrachten',
    handedOver: (from: string, to: string, by: string, at: string) => `${at}: van ${from} aan ${to} (door ${by}). Notitie:`,
  },
};

export type IncidentCommandTexts = typeof nl;

const en: IncidentCommandTexts = {
  review: {
    heading: 'Check before you approve',
    intro: 'Below is the message first, in every channel and every language, then who receives it. The approve button is at the bottom.',
    language: (name: string) => `Message in ${name}`,
    languageNames: { nl: 'Dutch', en: 'English' },
    byMunicipality: 'Recipients by municipality',
    municipalityCount: (name: string, count: number) => `${name}: ${count === 1 ? '1 recipient' : `${count} recipients`}`,
    unknownMunicipality: 'Contact no longer exists',
    noRecipients: 'Nobody receives this message by e-mail. It only goes on the status page.',
    decide: 'Your decision',
  },
  duplicate: {
    heading: 'An incident for this product is already open',
    intro: 'Is this the same outage? Then post an update on the open incident, so municipalities get one story.',
    item: (title: string, products: string) => `${title} (${products})`,
    confirm: 'This is a different outage: open a new incident anyway',
  },
  change: {
    action: 'Change incident',
    title: (title: string) => `Change: ${title}`,
    intro: 'Change the title, the impact, the products or the affected municipalities. The change goes to the approver with the explanation below and appears on the status page once approved. Messages by e-mail then go to the contacts of the municipalities as they are then.',
    products: 'Affected products',
    productsHint: 'You change the status of each product with an update.',
    explanation: 'Explanation on the status page',
    explanationHint: 'What changed and why? For example: “The outage now affects all municipalities, not only Utrecht, Zwolle and The Hague.”',
    submit: 'Post the change',
  },
  manager: {
    label: 'Incident manager',
    since: (name: string, at: string) => `${name} (since ${at})`,
    none: 'Nobody yet',
    field: 'Incident manager',
    fieldHint: 'Who keeps the overview, assigns the actions and makes sure the steps of the outage procedure are taken? By default, you.',
    handover: {
      heading: 'Hand over the incident manager role',
      to: 'Hand over to',
      note: 'Handover note',
      noteHint: 'What does your successor need to know? For example: what was promised, what is still running, who has been called.',
      submit: 'Hand over',
    },
    history: 'Handovers',
    handedOver: (from: string, to: string, by: string, at: string) => `${at}: from ${from} to ${to} (by ${by}). Note:`,
  },
};

export function incidentCommandMessages(lang: Language): IncidentCommandTexts {
  return lang === 'en' ? en : nl;
}
