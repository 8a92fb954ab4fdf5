import type { Language } from '../domain/index.ts';

/** The dashboard's words for publishing the status page (queue, retries, "Opnieuw publiceren"). Dutch first. */
const nl = {
  currentBuild: 'De statuspagina toont de versie van',
  nextRetry: 'Nieuwe poging om',
  republish: 'Opnieuw publiceren',
  republishHint: 'Bouwt de statuspagina opnieuw op met de inhoud zoals die nu is, bijvoorbeeld nadat u een fout in een bestand hebt hersteld.',
};

export type PublicationTexts = typeof nl;

const en: PublicationTexts = {
  currentBuild: 'The status page shows the version of',
  nextRetry: 'Next attempt at',
  republish: 'Publish again',
  republishHint: 'Builds the status page again from the content as it is now, for example after you fixed an error in a file.',
};

export function publicationMessages(lang: Language): PublicationTexts {
  return lang === 'en' ? en : nl;
}
