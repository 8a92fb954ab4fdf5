import type { Language, SpikeSuggestion } from '../domain/index.ts';

/** The mail an alert sends the incident managers, Dutch first; English typed against it. */
const nl = {
  suggestion: { national: 'Mogelijk landelijke storing', local: 'Lokale storing' } satisfies Record<SpikeSuggestion, string>,
  subject: (suggestion: string, product: string) => `${suggestion}: ${product}`,
  drillSubjectPrefix: 'OEFENING',
  drillNote: 'Dit is een oefening. De meldingen komen uit een oefenscenario; er is niets aan de hand.',
  intro: (count: number, municipalities: number, product: string) =>
    `Helder zag ${count} ${count === 1 ? 'melding' : 'meldingen'} van ${municipalities} ${municipalities === 1 ? 'gemeente' : 'gemeenten'} over ${product}.`,
  between: (from: string, until: string) => `Gemeld tussen ${from} en ${until}.`,
  municipalities: 'Gemeenten die meldden:',
  action: 'Bekijk de waarschuwing en open zo nodig een incident:',
  why: 'U krijgt dit bericht omdat u incidentmanager bent in Helder.',
};

export type SignalAlertMailTexts = typeof nl;

const en: SignalAlertMailTexts = {
  suggestion: { national: 'Possible national outage', local: 'Local outage' },
  subject: (suggestion, product) => `${suggestion}: ${product}`,
  drillSubjectPrefix: 'DRILL',
  drillNote: 'This is a drill. The signals come from a drill scenario; nothing is wrong.',
  intro: (count, municipalities, product) =>
    `Helder saw ${count} ${count === 1 ? 'signal' : 'signals'} from ${municipalities} ${municipalities === 1 ? 'municipality' : 'municipalities'} about ${product}.`,
  between: (from, until) => `Reported between ${from} and ${until}.`,
  municipalities: 'Municipalities that reported:',
  action: 'Look at the alert and open an incident if needed:',
  why: 'You receive this message because you are an incident manager in Helder.',
};

export function signalAlertMailMessages(lang: Language): SignalAlertMailTexts {
  return lang === 'en' ? en : nl;
}
