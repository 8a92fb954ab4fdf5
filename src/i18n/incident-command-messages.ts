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
};

export function incidentCommandMessages(lang: Language): IncidentCommandTexts {
  return lang === 'en' ? en : nl;
}
