import type { Municipality } from './municipality.ts';
import type { Scope } from './scope.ts';

/**
 * The municipalities an incident or maintenance touches. Scope "all" means every municipality
 * that uses at least one affected product; an explicit list is taken as given (a local outage can
 * hit a municipality through a product it shares with others).
 */
export function affectedMunicipalities(
  subject: { components: readonly string[]; scope: Scope },
  municipalities: readonly Municipality[],
): Municipality[] {
  if (subject.scope === 'all') {
    return municipalities.filter((municipality) => municipality.products.some((product) => subject.components.includes(product)));
  }
  const listed = new Set(subject.scope.municipalities);
  return municipalities.filter((municipality) => listed.has(municipality.id));
}

/** Whether a municipality should see an incident or maintenance on its own page. */
export function touchesMunicipality(subject: { components: readonly string[]; scope: Scope }, municipality: Municipality): boolean {
  if (subject.scope === 'all') return municipality.products.some((product) => subject.components.includes(product));
  return subject.scope.municipalities.includes(municipality.id);
}
