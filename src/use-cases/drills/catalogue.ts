import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemsFromZod, ContentError } from '../../content/content-error.ts';
import { parseYamlText } from '../../content/front-matter.ts';
import { affectedMunicipalities, MunicipalityListSchema, type Municipality, type Scope } from '../../domain/index.ts';

/** The public catalogue's municipalities (content/municipalities.yaml): who uses which product. */
export function readMunicipalities(contentDir: string): Municipality[] {
  const file = join(contentDir, 'municipalities.yaml');
  const parsed = MunicipalityListSchema.safeParse(parseYamlText(readFileSync(file, 'utf8')), { reportInput: true });
  if (!parsed.success) throw new ContentError(problemsFromZod(file, parsed.error));
  return parsed.data.municipalities;
}

/** Municipality ids a scope covers for these products, sorted. */
export function resolveScope(scope: Scope, products: readonly string[], municipalities: readonly Municipality[]): string[] {
  return affectedMunicipalities({ components: products, scope }, municipalities)
    .map((municipality) => municipality.id)
    .sort();
}
