import type { Language } from '../domain/index.ts';
import type { CopyFailureReason } from '../domain/publish-target.ts';

/** The dashboard's words about the copies of the status page elsewhere (publish targets), Dutch first. */
const nl = {
  heading: 'Kopieën van de statuspagina',
  intro: 'Na elke publicatie zet Helder de statuspagina ook op deze plekken, zodat inwoners en gemeenten haar kunnen bereiken als deze server niet werkt.',
  kinds: { s3: 'Opslag in de cloud (S3)', command: 'Opdracht na publicatie' },
  never: 'Nog niet gekopieerd.',
  running: 'Wordt nu bijgewerkt.',
  upToDate: (at: string) => `Bijgewerkt op ${at}.`,
  behind: 'Deze kopie loopt achter: zij toont nog niet de laatste versie van de statuspagina.',
  lastGood: (at: string) => `Laatst gelukt op ${at}.`,
  failed: (attempt: number) => `Kopiëren is mislukt (poging ${attempt}).`,
  nextAttempt: (at: string) => `Volgende poging: ${at}.`,
  reasons: {
    store_unreachable: 'De opslag was niet bereikbaar.',
    store_refused: 'De opslag weigerde de bestanden, bijvoorbeeld omdat de sleutel geen toegang geeft of de bucket niet bestaat.',
    command_failed: 'De opdracht is mislukt.',
    command_timeout: 'De opdracht duurde te lang en is gestopt.',
    command_not_started: 'De opdracht kon niet worden gestart.',
    interrupted: 'Onderbroken doordat de server stopte.',
    unknown: 'Er ging iets onverwachts mis.',
  } satisfies Record<CopyFailureReason, string>,
  exitCode: (code: number) => `Afsluitcode ${code}.`,
  error: 'Technische melding',
  retry: 'Opnieuw kopiëren',
  retryHint: (kind: string) => `${kind}: nu opnieuw proberen, zonder te wachten op de volgende poging.`,
  files: (uploaded: number, unchanged: number, deleted: number) =>
    `${uploaded} ${uploaded === 1 ? 'bestand' : 'bestanden'} geplaatst, ${unchanged} ongewijzigd, ${deleted} verwijderd.`,
};

export type PublishTargetTexts = typeof nl;

const en: PublishTargetTexts = {
  heading: 'Copies of the status page',
  intro: 'After every publication Helder also puts the status page in these places, so residents and municipalities can reach it when this server is down.',
  kinds: { s3: 'Cloud storage (S3)', command: 'Command after publication' },
  never: 'Not copied yet.',
  running: 'Being updated now.',
  upToDate: (at) => `Updated on ${at}.`,
  behind: 'This copy is behind: it does not show the latest version of the status page yet.',
  lastGood: (at) => `Last succeeded on ${at}.`,
  failed: (attempt) => `Copying failed (attempt ${attempt}).`,
  nextAttempt: (at) => `Next attempt: ${at}.`,
  reasons: {
    store_unreachable: 'The storage could not be reached.',
    store_refused: 'The storage refused the files, for example because the key gives no access or the bucket does not exist.',
    command_failed: 'The command failed.',
    command_timeout: 'The command took too long and was stopped.',
    command_not_started: 'The command could not be started.',
    interrupted: 'Interrupted because the server stopped.',
    unknown: 'Something unexpected went wrong.',
  },
  exitCode: (code) => `Exit code ${code}.`,
  error: 'Technical message',
  retry: 'Copy again',
  retryHint: (kind) => `${kind}: try again now, without waiting for the next attempt.`,
  files: (uploaded, unchanged, deleted) => `${uploaded} ${uploaded === 1 ? 'file' : 'files'} written, ${unchanged} unchanged, ${deleted} removed.`,
};

export function publishTargetMessages(lang: Language): PublishTargetTexts {
  return lang === 'en' ? en : nl;
}
