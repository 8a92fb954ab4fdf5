import { localize, LocalizedTextSchema, type Language } from '../domain/index.ts';
import { adminMessages } from './admin-messages.ts';
import { formatShortDateTime } from './format.ts';
import { messages } from './messages.ts';

/**
 * An audit entry's stored details in words, for the audit page: what a reader needs (names,
 * reasons, times, counts) under a label in their language. Only the fields listed here are
 * described; ids, hashes, codes and anything else technical stay in the stored record, which the
 * page shows unchanged one click further (an auditor sometimes needs exactly what was written).
 */
type Shape =
  /** A person's text or name; an ISO time in it is shown as an Amsterdam time. */
  | 'text'
  | 'time'
  | 'number'
  | 'yesno'
  | 'incidentStatus'
  | 'impact'
  | 'language'
  | 'roles';

const FIELDS: Record<string, { shape: Shape; nl: string; en: string }> = {
  name: { shape: 'text', nl: 'Naam', en: 'Name' },
  user_name: { shape: 'text', nl: 'Collega', en: 'Colleague' },
  email: { shape: 'text', nl: 'E-mailadres', en: 'Email address' },
  emails: { shape: 'text', nl: 'E-mailadressen', en: 'Email addresses' },
  title: { shape: 'text', nl: 'Titel', en: 'Title' },
  reason: { shape: 'text', nl: 'Reden', en: 'Reason' },
  note: { shape: 'text', nl: 'Notitie', en: 'Note' },
  text: { shape: 'text', nl: 'Tekst', en: 'Text' },
  recipient: { shape: 'text', nl: 'Ontvanger', en: 'Recipient' },
  reference: { shape: 'text', nl: 'Kenmerk', en: 'Reference' },
  clientAddress: { shape: 'text', nl: 'IP-adres', en: 'IP address' },
  owner: { shape: 'text', nl: 'Eigenaar', en: 'Owner' },
  recipients: { shape: 'number', nl: 'Ontvangers', en: 'Recipients' },
  count: { shape: 'number', nl: 'Aantal', en: 'Count' },
  characters: { shape: 'number', nl: 'Tekens', en: 'Characters' },
  added: { shape: 'number', nl: 'Toegevoegd', en: 'Added' },
  updated: { shape: 'number', nl: 'Bijgewerkt', en: 'Updated' },
  changed: { shape: 'number', nl: 'Gewijzigd', en: 'Changed' },
  replaced: { shape: 'number', nl: 'Vervangen', en: 'Replaced' },
  cancelled: { shape: 'number', nl: 'Geannuleerd', en: 'Cancelled' },
  requeued: { shape: 'number', nl: 'Opnieuw klaargezet', en: 'Queued again' },
  skipped_rows: { shape: 'number', nl: 'Overgeslagen regels', en: 'Rows skipped' },
  linked_signals: { shape: 'number', nl: 'Gekoppelde meldingen', en: 'Signals linked' },
  sessionsEnded: { shape: 'number', nl: 'Sessies beëindigd', en: 'Sessions ended' },
  durationMinutes: { shape: 'number', nl: 'Duur in minuten', en: 'Duration in minutes' },
  duration_minutes: { shape: 'number', nl: 'Duur in minuten', en: 'Duration in minutes' },
  planned_after_minutes: { shape: 'number', nl: 'Gepland na minuten', en: 'Planned after minutes' },
  retryAfterSeconds: { shape: 'number', nl: 'Opnieuw proberen na seconden', en: 'Retry after seconds' },
  scheduledFor: { shape: 'time', nl: 'Gepland om', en: 'Scheduled for' },
  scheduledUntil: { shape: 'time', nl: 'Gepland tot', en: 'Scheduled until' },
  expires_at: { shape: 'time', nl: 'Verloopt om', en: 'Expires at' },
  received_at: { shape: 'time', nl: 'Ontvangen om', en: 'Received at' },
  first_at: { shape: 'time', nl: 'Eerste om', en: 'First at' },
  last_at: { shape: 'time', nl: 'Laatste om', en: 'Last at' },
  due_at: { shape: 'time', nl: 'Uiterlijk om', en: 'Due at' },
  late: { shape: 'yesno', nl: 'Te laat', en: 'Late' },
  active: { shape: 'yesno', nl: 'Actief', en: 'Active' },
  wasActive: { shape: 'yesno', nl: 'Was actief', en: 'Was active' },
  knownDevice: { shape: 'yesno', nl: 'Bekend apparaat', en: 'Known device' },
  demo: { shape: 'yesno', nl: 'Demo', en: 'Demo' },
  status: { shape: 'incidentStatus', nl: 'Status', en: 'Status' },
  impact: { shape: 'impact', nl: 'Impact', en: 'Impact' },
  language: { shape: 'language', nl: 'Taal', en: 'Language' },
  role: { shape: 'roles', nl: 'Rol', en: 'Role' },
  roles: { shape: 'roles', nl: 'Rollen', en: 'Roles' },
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
/** A long text is cut here: the whole of it is in the stored record. */
const MAX_TEXT = 300;

export interface AuditDetail {
  label: string;
  value: string;
}

export function describeAuditDetails(details: Readonly<Record<string, unknown>>, lang: Language): AuditDetail[] {
  const described: AuditDetail[] = [];
  for (const [key, raw] of Object.entries(details)) {
    const field = Object.hasOwn(FIELDS, key) ? FIELDS[key]! : null;
    if (!field || raw === null || raw === undefined) continue;
    const value = describe(field.shape, raw, lang);
    if (value !== null && value !== '') described.push({ label: field[lang], value });
  }
  return described;
}

function describe(shape: Shape, raw: unknown, lang: Language): string | null {
  if (Array.isArray(raw)) {
    const parts = raw.map((item) => describe(shape, item, lang)).filter((part): part is string => part !== null);
    return parts.length === raw.length ? parts.join(', ') : null;
  }
  const p = messages(lang);
  switch (shape) {
    case 'text': {
      const text = typeof raw === 'string' ? raw : LocalizedTextSchema.safeParse(raw).success ? localize(LocalizedTextSchema.parse(raw), lang).text : null;
      if (text === null) return null;
      if (ISO_TIME.test(text)) return formatShortDateTime(new Date(text), lang);
      return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
    }
    case 'time':
      return typeof raw === 'string' && ISO_TIME.test(raw) ? formatShortDateTime(new Date(raw), lang) : null;
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB') : null;
    case 'yesno':
      return typeof raw === 'boolean' ? (raw ? (lang === 'nl' ? 'ja' : 'yes') : lang === 'nl' ? 'nee' : 'no') : null;
    case 'incidentStatus':
      return typeof raw === 'string' && Object.hasOwn(p.incidentStatus, raw) ? p.incidentStatus[raw as keyof typeof p.incidentStatus] : null;
    case 'impact':
      return typeof raw === 'string' && Object.hasOwn(p.impact, raw) ? p.impact[raw as keyof typeof p.impact] : null;
    case 'language':
      return raw === 'nl' ? (lang === 'nl' ? 'Nederlands' : 'Dutch') : raw === 'en' ? (lang === 'nl' ? 'Engels' : 'English') : null;
    case 'roles': {
      const labels: Record<string, string> = adminMessages(lang).roles;
      return typeof raw === 'string' && Object.hasOwn(labels, raw) ? labels[raw]! : null;
    }
  }
}
