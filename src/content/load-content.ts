import { readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import type { z } from 'zod';
import {
  ComponentCatalogSchema,
  GuidanceFrontmatterSchema,
  IncidentFrontmatterSchema,
  MaintenanceFrontmatterSchema,
  MunicipalityListSchema,
  SiteSchema,
  SlugSchema,
  type ContentSet,
  type Incident,
  type Maintenance,
  type ProductGuidance,
  type Site,
} from '../domain/index.ts';
import { ContentError, problemsFromZod, type ContentProblem } from './content-error.ts';
import { FrontMatterError, parseFrontMatter, parseYamlText } from './front-matter.ts';

export interface LoadContentOptions {
  /** Overrides site.yaml's url, e.g. from HELDER_SITE_URL for a staging deployment. */
  siteUrl?: string;
  /**
   * Only the catalogue (site, products, municipalities): incidents, maintenance and guidance are
   * not read, so a broken incident file does not stop what needs only the catalogue (contacts,
   * the admin's stylesheet, the forms' product lists).
   */
  catalogueOnly?: boolean;
}

/**
 * Reads and validates everything under a content directory. Collects every problem across all
 * files before failing, so one build run shows the editor the whole list.
 */
/**
 * Front matter parsed before, per file, with the text it came from: YAML parsing is most of the
 * cost of loading thousands of incidents, and a long-lived process (the admin, the warm renderer)
 * loads the same unchanged files again and again. Only an identical text reuses its parse; the
 * schema still checks (and copies) every file on every load, so nothing parsed is shared onward.
 */
let frontMatterCache = new Map<string, { text: string; parsed: ReturnType<typeof parseFrontMatter> }>();
let nextFrontMatterCache = new Map<string, { text: string; parsed: ReturnType<typeof parseFrontMatter> }>();

function parseFrontMatterOnce(file: string, text: string): ReturnType<typeof parseFrontMatter> {
  const known = frontMatterCache.get(file);
  const parsed = known?.text === text ? known.parsed : parseFrontMatter(text);
  nextFrontMatterCache.set(file, { text, parsed });
  return parsed;
}

export function loadContent(contentDir: string, options: LoadContentOptions = {}): ContentSet {
  try {
    return loadContentOnce(contentDir, options);
  } finally {
    // Files that were not read this time (removed, another folder) drop out.
    frontMatterCache = nextFrontMatterCache;
    nextFrontMatterCache = new Map();
  }
}

function loadContentOnce(contentDir: string, options: LoadContentOptions): ContentSet {
  const problems: ContentProblem[] = [];
  // Project-relative where possible ("content/incidents/…"); absolute for a folder elsewhere.
  const display = (file: string) => {
    const fromCwd = relative(process.cwd(), file);
    return fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? file : fromCwd;
  };

  function readYaml<S extends z.ZodType>(name: string, schema: S): z.infer<S> | undefined {
    const file = join(contentDir, name);
    let raw: unknown;
    try {
      raw = parseYamlText(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push({ file: display(file), field: '', ...lineOf(error), message: describeReadError(error) });
      return undefined;
    }
    const parsed = schema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      problems.push(...problemsFromZod(display(file), parsed.error));
      return undefined;
    }
    return parsed.data;
  }

  function readMarkdownFolder<S extends z.ZodType>(folder: string, schema: S): Array<{ id: string; file: string; data: z.infer<S>; body: string }> {
    const dir = join(contentDir, folder);
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
    } catch {
      return [];
    }
    const entries: Array<{ id: string; file: string; data: z.infer<S>; body: string }> = [];
    for (const name of names) {
      const file = join(dir, name);
      if (!name.endsWith('.md')) {
        problems.push({ file: display(file), field: '', message: 'only plain Markdown files (.md) belong here; MDX and other files are not allowed' });
        continue;
      }
      const id = basename(name, '.md');
      const idCheck = SlugSchema.safeParse(id);
      if (!idCheck.success) {
        // The file name is the id: the id's problem (e.g. invalid_slug), said about the file.
        const [idProblem] = problemsFromZod(display(file), idCheck.error);
        problems.push({ ...idProblem!, field: '', message: `the file name is the id: ${idProblem!.message}` });
        continue;
      }
      try {
        const { data, body } = parseFrontMatterOnce(file, readFileSync(file, 'utf8'));
        const parsed = schema.safeParse(data, { reportInput: true });
        if (!parsed.success) problems.push(...problemsFromZod(display(file), parsed.error));
        else entries.push({ id, file: display(file), data: parsed.data, body });
      } catch (error) {
        problems.push({ file: display(file), field: '', ...lineOf(error), message: describeReadError(error) });
      }
    }
    return entries;
  }

  const site = readYaml('site.yaml', SiteSchema);
  const catalog = readYaml('components.yaml', ComponentCatalogSchema);
  const municipalityList = readYaml('municipalities.yaml', MunicipalityListSchema);
  const incidentFiles = options.catalogueOnly ? [] : readMarkdownFolder('incidents', IncidentFrontmatterSchema);
  const maintenanceFiles = options.catalogueOnly ? [] : readMarkdownFolder('maintenance', MaintenanceFrontmatterSchema);
  const guidanceFiles = options.catalogueOnly ? [] : readMarkdownFolder('guidance', GuidanceFrontmatterSchema);

  const componentIds = new Set(catalog?.components.map((component) => component.id));
  const municipalityIds = new Set(municipalityList?.municipalities.map((municipality) => municipality.id));
  const knownComponents = [...componentIds].join(', ');

  if (catalog && municipalityList) {
    municipalityList.municipalities.forEach((municipality, index) => {
      municipality.products.forEach((product, productIndex) => {
        if (!componentIds.has(product)) {
          problems.push({
            file: display(join(contentDir, 'municipalities.yaml')),
            field: `municipalities[${index}].products[${productIndex}]`,
            message: `unknown product "${product}"; expected one of: ${knownComponents}`,
          });
        }
      });
    });
  }

  const checkReferences = (file: string, subject: { components: string[]; scope: 'all' | { municipalities: string[] } }) => {
    if (catalog) {
      subject.components.forEach((componentId, index) => {
        if (!componentIds.has(componentId)) {
          problems.push({ file, field: `components[${index}]`, message: `unknown product "${componentId}"; expected one of: ${knownComponents}` });
        }
      });
    }
    if (municipalityList && subject.scope !== 'all') {
      subject.scope.municipalities.forEach((municipalityId, index) => {
        if (!municipalityIds.has(municipalityId)) {
          problems.push({ file, field: `scope.municipalities[${index}]`, message: `unknown municipality "${municipalityId}"; it must be listed in content/municipalities.yaml` });
        }
      });
    }
  };

  const incidents: Incident[] = incidentFiles.map(({ id, file, data, body }) => {
    checkReferences(file, data);
    return { id, ...data, ...(body ? { postmortem: body } : {}) };
  });
  const maintenances: Maintenance[] = maintenanceFiles.map(({ id, file, data, body }) => {
    checkReferences(file, data);
    // Nothing would show a maintenance body, so text there would silently vanish from the page.
    if (body) problems.push({ file, field: '', message: 'a maintenance file has no Markdown body; put the text in "description" or in an update' });
    return { id, ...data };
  });

  const guidance = options.catalogueOnly ? [] : checkGuidance(guidanceFiles);

  if (problems.length > 0 || !site || !catalog || !municipalityList) throw new ContentError(problems);

  return {
    site: options.siteUrl ? { ...site, url: options.siteUrl.replace(/\/+$/, '') } : site,
    groups: catalog.groups,
    components: catalog.components,
    municipalities: municipalityList.municipalities,
    incidents,
    maintenances,
    guidance,
  };

  /**
   * Continuity guidance: one file per product, for every product. A product without guidance
   * would leave its page and its messages without advice for municipalities, so it is an error
   * like any other, named at the product in components.yaml.
   */
  function checkGuidance(files: Array<{ id: string; file: string; data: ProductGuidance; body: string }>): ProductGuidance[] {
    const byProduct = new Map<string, string>();
    const loaded: ProductGuidance[] = [];
    // File names are product ids; a file that failed validation still counts as present, its own
    // problems say what to fix.
    const guidanceAttempted = new Set(listMarkdownIds(join(contentDir, 'guidance')));
    for (const { id, file, data, body } of files) {
      // Nothing would show the body, so text there would silently vanish from the product page.
      if (body) problems.push({ file, field: '', message: 'a guidance file has no Markdown body; put the text in the fields of the front matter (during, after, residents, …)' });
      if (catalog && !componentIds.has(data.product)) {
        problems.push({ file, field: 'product', message: `unknown product "${data.product}"; expected one of: ${knownComponents}` });
        continue;
      }
      if (id !== data.product) {
        problems.push({ file, field: 'product', message: `is "${data.product}", but the file is named ${id}.md; name the file after its product: ${data.product}.md` });
        continue;
      }
      const earlier = byProduct.get(data.product);
      if (earlier !== undefined) {
        problems.push({ file, field: 'product', message: `product "${data.product}" already has its guidance in ${earlier}; keep one guidance file per product` });
        continue;
      }
      byProduct.set(data.product, file);
      loaded.push(data);
    }
    catalog?.components.forEach((component, index) => {
      if (byProduct.has(component.id) || guidanceAttempted.has(component.id)) return;
      problems.push({
        file: display(join(contentDir, 'components.yaml')),
        field: `components[${index}].id`,
        message: `product "${component.id}" has no continuity guidance; add ${display(join(contentDir, 'guidance', `${component.id}.md`))} with "product: ${component.id}"`,
      });
    });
    return loaded;
  }
}

/**
 * Reads site.yaml alone: what the admin needs of the content to run (vendor, brand, address). A
 * broken incident or maintenance file elsewhere in the folder does not stop the admin starting;
 * those problems appear where the content is needed (src/admin shows them as a panel).
 */
export function loadSite(contentDir: string, options: LoadContentOptions = {}): Site {
  const file = join(contentDir, 'site.yaml');
  const fromCwd = relative(process.cwd(), file);
  const shown = fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? file : fromCwd;
  let raw: unknown;
  try {
    raw = parseYamlText(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError([{ file: shown, field: '', ...lineOf(error), message: describeReadError(error) }]);
  }
  const parsed = SiteSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ContentError(problemsFromZod(shown, parsed.error));
  return options.siteUrl ? { ...parsed.data, url: options.siteUrl.replace(/\/+$/, '') } : parsed.data;
}

/** The line a YAML error names, when it names one. */
function lineOf(error: unknown): { line?: number } {
  return error instanceof FrontMatterError && error.line !== null ? { line: error.line } : {};
}

function listMarkdownIds(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => basename(name, '.md'));
  } catch {
    return [];
  }
}

function describeReadError(error: unknown): string {
  if (error instanceof FrontMatterError) return error.message;
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') return 'file is missing';
  return error instanceof Error ? error.message : String(error);
}
