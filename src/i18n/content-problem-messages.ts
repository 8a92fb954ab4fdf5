import type { Language } from '../domain/index.ts';

/** The admin's words for a content folder that does not load (src/admin/content-problems.ts). Dutch first. */
const nl = {
  heading: 'Fout in de inhoud van de statuspagina',
  intro: (count: number) =>
    count === 1
      ? 'Eén bestand in de inhoudsmap bevat een fout. De statuspagina blijft de laatste goede versie tonen. Schermen die deze inhoud nodig hebben, werken weer zodra de fout is hersteld.'
      : `De inhoudsmap bevat ${count} fouten. De statuspagina blijft de laatste goede versie tonen. Schermen die deze inhoud nodig hebben, werken weer zodra de fouten zijn hersteld.`,
  afterFix: 'Na het herstel publiceert Helder de statuspagina vanzelf opnieuw.',
  file: 'Bestand',
  line: 'Regel',
  field: 'Veld',
  problem: 'Wat er mis is',
  unreadable: 'Dit bestand kan niet worden gelezen. Controleer de opmaak (YAML) rond de genoemde regel.',
  technical: 'Technische melding',
  pageTitle: 'Inhoud niet leesbaar',
  toDashboard: 'Naar het overzicht',
};

export type ContentProblemTexts = typeof nl;

const en: ContentProblemTexts = {
  heading: 'Error in the status page content',
  intro: (count: number) =>
    count === 1
      ? 'One file in the content folder has an error. The status page keeps showing the last good version. Screens that need this content work again as soon as the error is fixed.'
      : `The content folder has ${count} errors. The status page keeps showing the last good version. Screens that need this content work again as soon as the errors are fixed.`,
  afterFix: 'Once fixed, Helder publishes the status page again by itself.',
  file: 'File',
  line: 'Line',
  field: 'Field',
  problem: 'What is wrong',
  unreadable: 'This file cannot be read. Check the formatting (YAML) around the line given.',
  technical: 'Technical message',
  pageTitle: 'Content cannot be read',
  toDashboard: 'To the overview',
};

export function contentProblemMessages(lang: Language): ContentProblemTexts {
  return lang === 'en' ? en : nl;
}
