import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalog } from '../../content/write-content.ts';

interface Cached {
  key: string;
  ids: { componentIds: Set<string>; municipalityIds: Set<string> };
}

const cache = new Map<string, Cached>();

/**
 * The product and municipality ids of a catalogue directory, read again only when
 * components.yaml or municipalities.yaml changed: an API client may post hundreds of signals a
 * second, and parsing both YAML files for each would be most of the work.
 */
export function catalogueIds(catalogueDir: string): { componentIds: Set<string>; municipalityIds: Set<string> } {
  const stamp = (name: string) => {
    const info = statSync(join(catalogueDir, name), { throwIfNoEntry: false });
    return info ? `${info.mtimeMs}:${info.size}` : 'missing';
  };
  const key = `${stamp('components.yaml')}|${stamp('municipalities.yaml')}`;
  const cached = cache.get(catalogueDir);
  if (cached && cached.key === key) return cached.ids;
  const ids = readCatalog(catalogueDir);
  cache.set(catalogueDir, { key, ids });
  return ids;
}
