/**
 * Finding a municipality by any name people use for it: "Den Haag" finds 's-Gravenhage, "Bosch"
 * finds 's-Hertogenbosch, "GM0344" finds Utrecht. Pure and dependency-free, because the public
 * server (src/server, Node built-ins only) answers search requests with it, on the index the
 * site build wrote with the same functions.
 */

/** What a name is compared by: lower case, accents dropped, letters and digits only. */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** The name as it is sorted and filed: "'s-Gravenhage" under G, "'t Zandt" under Z. */
export function sortName(name: string): string {
  return name.replace(/^['’](?:s|t)[-\s]+/i, '').trim();
}

/** The letter of the alphabetical index a name is filed under; "#" for names starting with a digit. */
export function indexLetter(name: string): string {
  const first = searchKey(sortName(name)).charAt(0);
  return /[a-z]/.test(first) ? first.toUpperCase() : '#';
}

/** Dutch alphabetical order on the filed name. */
export function compareNames(a: string, b: string): number {
  return sortName(a).localeCompare(sortName(b), 'nl');
}

export interface SearchableMunicipality {
  id: string;
  name: string;
  aliases?: readonly string[] | undefined;
}

/** Every key a municipality can be found by: its name, its other names and its CBS code. */
export function searchTerms(municipality: SearchableMunicipality): string[] {
  return [...new Set([municipality.name, ...(municipality.aliases ?? []), municipality.id].map(searchKey).filter((key) => key !== ''))];
}

/** Longest query worth comparing; anything longer cannot match a name and is cut off. */
export const MAX_QUERY_LENGTH = 100;

/**
 * The entries matching a query, best first: an exact name or other name, then names that start
 * with the query, then names that contain it; alphabetical within each. An empty query matches
 * nothing (the caller shows the whole list instead).
 */
export function searchMunicipalities<T extends { name: string; terms: readonly string[] }>(entries: readonly T[], query: string): T[] {
  const key = searchKey(query.slice(0, MAX_QUERY_LENGTH));
  if (key === '') return [];
  const scored: Array<{ entry: T; score: number }> = [];
  for (const entry of entries) {
    let score = Number.POSITIVE_INFINITY;
    for (const term of entry.terms) {
      if (term === key) score = Math.min(score, 0);
      else if (term.startsWith(key)) score = Math.min(score, 1);
      else if (term.includes(key)) score = Math.min(score, 2);
    }
    if (Number.isFinite(score)) scored.push({ entry, score });
  }
  return scored.sort((a, b) => a.score - b.score || compareNames(a.entry.name, b.entry.name)).map(({ entry }) => entry);
}
