/** Municipalities as people look them up: alphabetically, Dutch collation ("'s-Gravenhage" under G). */
export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.name.replace(/^'s-/, '').localeCompare(b.name.replace(/^'s-/, ''), 'nl'));
}
