import { TIME_ZONE, type IncidentStatus, type Language, type MaintenanceStatus } from '../domain/index.ts';

/**
 * The words feeds and calendars use, Dutch first. Kept beside the feed mappers because feeds are
 * read outside the site (feed readers, calendars) and must not depend on page templates.
 */
export interface FeedWords {
  incidentStatus: Record<IncidentStatus, string>;
  maintenanceStatus: Record<MaintenanceStatus, string>;
  maintenance: string;
  products: string;
  municipalities: string;
  allMunicipalitiesUsing: string;
  workaround: string;
  updates: string;
  postmortem: string;
  nextUpdate: string;
  planned: string;
  when: string;
  status: string;
  moreInformation: string;
  latestUpdate: string;
  feedDescription: string;
  calendarName: (siteTitle: string) => string;
  calendarDescription: string;
  forMunicipality: (name: string) => string;
  forProduct: (name: string) => string;
  /** "vrijdag 27 november 2026 om 09:12" */
  dateTime: (instant: Date) => string;
  /** "09:12" */
  time: (instant: Date) => string;
  /** "vrijdag 27 november 2026" */
  date: (instant: Date) => string;
  between: (from: string, until: string) => string;
}

function formatters(locale: string) {
  const date = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return {
    // Assembled from parts: ICU versions differ on the comma after the weekday ("Tuesday, 3 …").
    date: (instant: Date) => {
      const parts = Object.fromEntries(date.formatToParts(instant).map((part) => [part.type, part.value]));
      return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
    },
    time: (instant: Date) => time.format(instant),
  };
}

const nl = formatters('nl-NL');
const en = formatters('en-GB');

export const FEED_WORDS: Record<Language, FeedWords> = {
  nl: {
    incidentStatus: { investigating: 'Onderzoek', identified: 'Oorzaak gevonden', monitoring: 'Herstel wordt gevolgd', resolved: 'Opgelost' },
    maintenanceStatus: { scheduled: 'Gepland', in_progress: 'Wordt uitgevoerd', verifying: 'Wordt gecontroleerd', completed: 'Afgerond' },
    maintenance: 'Onderhoud',
    products: 'Producten',
    municipalities: 'Gemeenten',
    allMunicipalitiesUsing: 'alle gemeenten die deze producten gebruiken',
    workaround: 'Wat kunt u als gemeente doen?',
    updates: 'Updates',
    postmortem: 'Terugblik',
    nextUpdate: 'Volgende update uiterlijk',
    planned: 'Gepland',
    when: 'Wanneer',
    status: 'Status',
    moreInformation: 'Meer informatie',
    latestUpdate: 'Laatste update',
    feedDescription: 'Storingen en onderhoud',
    calendarName: (siteTitle) => `${siteTitle}: gepland onderhoud`,
    calendarDescription: 'Gepland onderhoud aan onze producten',
    forMunicipality: (name) => `gemeente ${name}`,
    forProduct: (name) => name,
    dateTime: (instant) => `${nl.date(instant)} om ${nl.time(instant)}`,
    time: nl.time,
    date: nl.date,
    between: (from, until) => `van ${from} tot ${until}`,
  },
  en: {
    incidentStatus: { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' },
    maintenanceStatus: { scheduled: 'Scheduled', in_progress: 'In progress', verifying: 'Verifying', completed: 'Completed' },
    maintenance: 'Maintenance',
    products: 'Products',
    municipalities: 'Municipalities',
    allMunicipalitiesUsing: 'all municipalities using these products',
    workaround: 'What can municipalities do?',
    updates: 'Updates',
    postmortem: 'Postmortem',
    nextUpdate: 'Next update by',
    planned: 'Scheduled',
    when: 'When',
    status: 'Status',
    moreInformation: 'More information',
    latestUpdate: 'Latest update',
    feedDescription: 'Incidents and maintenance',
    calendarName: (siteTitle) => `${siteTitle}: scheduled maintenance`,
    calendarDescription: 'Scheduled maintenance of our products',
    forMunicipality: (name) => `municipality of ${name}`,
    forProduct: (name) => name,
    dateTime: (instant) => `${en.date(instant)} at ${en.time(instant)}`,
    time: en.time,
    date: en.date,
    between: (from, until) => `from ${from} to ${until}`,
  },
};

/** A maintenance window in words; the date is repeated only when the work runs past midnight. */
export function windowText(words: FeedWords, from: Date, until: Date): string {
  const sameDay = words.date(from) === words.date(until);
  return sameDay ? `${words.date(from)} ${words.between(words.time(from), words.time(until))}` : words.between(words.dateTime(from), words.dateTime(until));
}
