/**
 * The contacts CSV: one row per contact, a header row naming the columns (Dutch or English), ";"
 * or "," as delimiter. Products: "alle"/"all" or product ids separated by "|" or spaces.
 */
export const CONTACT_CSV_COLUMNS = [
  { key: 'municipality', header: 'gemeente', aliases: ['gemeente', 'gemeentecode', 'municipality'], required: true },
  { key: 'name', header: 'naam', aliases: ['naam', 'name'], required: true },
  { key: 'email', header: 'email', aliases: ['email', 'e-mail', 'e-mailadres', 'emailadres', 'mail'], required: true },
  { key: 'role', header: 'rol', aliases: ['rol', 'role', 'functie'], required: false },
  { key: 'language', header: 'taal', aliases: ['taal', 'language', 'lang'], required: false },
  { key: 'products', header: 'producten', aliases: ['producten', 'products'], required: false },
  { key: 'active', header: 'actief', aliases: ['actief', 'active'], required: false },
] as const;

export type ContactCsvKey = (typeof CONTACT_CSV_COLUMNS)[number]['key'];

export const ALL_PRODUCTS_WORDS = ['alle', 'all', '*'];
const TRUE_WORDS = ['ja', 'j', 'yes', 'y', 'true', '1', 'actief', 'active'];
const FALSE_WORDS = ['nee', 'n', 'no', 'false', '0', 'inactief', 'inactive'];

/** "ja"/"nee" (and English) to a boolean; empty = true; undefined when not recognised. */
export function parseYesNo(value: string): boolean | undefined {
  const word = value.trim().toLowerCase();
  if (word === '') return true;
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return undefined;
}

/** "alle" → 'all'; "registra-brp | zaakstroom" → ['registra-brp', 'zaakstroom']; empty → 'all'. */
export function parseProducts(value: string): 'all' | string[] {
  const words = value.split(/[|\s]+/).map((word) => word.trim()).filter(Boolean);
  if (words.length === 0 || words.some((word) => ALL_PRODUCTS_WORDS.includes(word.toLowerCase()))) return 'all';
  return [...new Set(words)];
}

/** Strips the quote our export put before a formula-like cell ("'=…"), nothing else. */
export function unDefuse(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}
