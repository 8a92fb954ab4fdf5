import type { Component, ComponentGroup, Municipality, Site } from '../../domain/index.ts';
import type { UseCaseContext } from '../context.ts';

export interface Catalogue {
  site: Site;
  groups: readonly ComponentGroup[];
  components: readonly Component[];
  municipalities: readonly Municipality[];
}

/** The public catalogue: vendor and brand, products, municipalities. Public facts: no permission needed. */
export function readCatalogue(ctx: UseCaseContext): Catalogue {
  const { site, groups, components, municipalities } = ctx.content.readCatalogue();
  return { site, groups, components, municipalities };
}
