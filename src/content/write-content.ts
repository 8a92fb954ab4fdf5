import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ZodError } from 'zod';
import {
  amsterdamDay,
  ComponentCatalogSchema,
  IncidentFrontmatterSchema,
  MunicipalityListSchema,
  MaintenanceFrontmatterSchema,
  SlugSchema,
  type Incident,
  type Maintenance,
} from '../domain/index.ts';
import { ContentError, problemsFromZod } from './content-error.ts';
import { parseFrontMatter, parseYamlText } from './front-matter.ts';
import { serialiseIncident, serialiseMaintenance } from './serialise-content.ts';

/**
 * Writes incident and maintenance files into a content directory: atomically (temp file in the
 * same directory, fsync, rename, fsync the directory) and only ever inside that directory. File
 * names are ids this module checks as slugs; nothing a user typed becomes a path unchecked.
 */

export type ContentFolder = 'incidents' | 'maintenance';

/** A write or read that would leave the content directory, or go through a symlink, was refused. */
export class UnsafeContentPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeContentPathError';
  }
}

const MAX_SLUG_WORDS_LENGTH = 60;

/** A title as the slug part of a file name: "Registra BRP: géén inlog!" → "registra-brp-geen-inlog". */
export function slugify(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_WORDS_LENGTH)
    .replace(/-+$/, '');
  return slug || fallback;
}

/**
 * A new, unused id "<YYYY-MM-DD>-<slug of title>" (Amsterdam date), with -2, -3 … when taken.
 * Generated here from trusted parts only, never from a file name in the input.
 */
export function newContentId(contentDir: string, folder: ContentFolder, day: Date, title: string): string {
  const base = `${amsterdamDay(day)}-${slugify(title, folder === 'incidents' ? 'storing' : 'onderhoud')}`;
  const dir = safeFolder(contentDir, folder, { create: false });
  const taken = new Set(dir ? readdirSync(dir).map((name) => name.replace(/\.mdx?$/, '')) : []);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Writes `content/incidents/<id>.md` (or the same in a drill content directory). */
export function writeIncidentFile(contentDir: string, incident: Incident): string {
  return writeContentFile(contentDir, 'incidents', incident.id, serialiseIncident(incident));
}

export function writeMaintenanceFile(contentDir: string, maintenance: Maintenance): string {
  return writeContentFile(contentDir, 'maintenance', maintenance.id, serialiseMaintenance(maintenance));
}

/** Reads and validates one incident file; null when it does not exist. */
export function readIncidentFile(contentDir: string, id: string): Incident | null {
  const read = readEntry(contentDir, 'incidents', id);
  if (!read) return null;
  const parsed = IncidentFrontmatterSchema.safeParse(read.data, { reportInput: true });
  if (!parsed.success) throw new ContentError(problemsFromZod(read.file, parsed.error));
  return { id, ...parsed.data, ...(read.body ? { postmortem: read.body } : {}) };
}

export function readMaintenanceFile(contentDir: string, id: string): Maintenance | null {
  const read = readEntry(contentDir, 'maintenance', id);
  if (!read) return null;
  const parsed = MaintenanceFrontmatterSchema.safeParse(read.data, { reportInput: true });
  if (!parsed.success) throw new ContentError(problemsFromZod(read.file, parsed.error));
  return { id, ...parsed.data };
}

function readEntry(contentDir: string, folder: ContentFolder, id: string): { file: string; data: unknown; body: string } | null {
  const dir = safeFolder(contentDir, folder, { create: false });
  if (!dir) return null;
  const file = join(dir, `${checkedId(id)}.md`);
  const stats = lstatOrNull(file);
  if (!stats) return null;
  if (!stats.isFile()) throw new UnsafeContentPathError(`${file} is not a regular file (a symlink or folder?); refusing to read it`);
  const { data, body } = parseFrontMatter(readFileSync(file, 'utf8'));
  return { file, data, body };
}

/**
 * The atomic write. A reader (the site build) sees either the old file or the new one, never a
 * half-written one; after a crash the temp file (a dot file, ignored by the loader) may remain.
 */
export function writeContentFile(contentDir: string, folder: ContentFolder, id: string, text: string): string {
  const dir = safeFolder(contentDir, folder, { create: true })!;
  const target = join(dir, `${checkedId(id)}.md`);
  const existing = lstatOrNull(target);
  if (existing && !existing.isFile()) throw new UnsafeContentPathError(`${target} is a symlink or not a regular file; refusing to replace it`);

  const temp = join(dir, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
  // "wx": never follows or reuses an existing path, even a symlink planted under the temp name.
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dir);
  return target;
}

function checkedId(id: string): string {
  const check = SlugSchema.safeParse(id);
  if (!check.success) throw new UnsafeContentPathError(`refusing content id ${JSON.stringify(id)}: it ${check.error.issues[0]?.message}`);
  return id;
}

/**
 * The real path of `<contentDir>/<folder>`, checked to be a plain directory inside the content
 * directory (not a symlink to elsewhere). Null when it does not exist and `create` is false.
 */
function safeFolder(contentDir: string, folder: ContentFolder, options: { create: boolean }): string | null {
  if (folder !== 'incidents' && folder !== 'maintenance') throw new UnsafeContentPathError(`unknown content folder ${JSON.stringify(folder)}`);
  const rootPath = resolve(contentDir);
  if (!lstatOrNull(rootPath)) {
    // A fresh drill content directory: created on first write, simply empty before that.
    if (!options.create) return null;
    mkdirSync(rootPath, { recursive: true, mode: 0o755 });
  }
  const root = realpathSync(rootPath);
  const dir = join(root, folder);
  let stats = lstatOrNull(dir);
  if (!stats) {
    if (!options.create) return null;
    mkdirSync(dir, { mode: 0o755 });
    stats = lstatSync(dir);
  }
  if (stats.isSymbolicLink() || !stats.isDirectory()) {
    throw new UnsafeContentPathError(`${dir} is a symlink or not a directory; content is only written to a real folder inside ${root}`);
  }
  const real = realpathSync(dir);
  const inside = relative(root, real);
  if (inside !== folder || inside.startsWith('..') || inside.includes(sep)) {
    throw new UnsafeContentPathError(`${dir} resolves to ${real}, outside ${root}`);
  }
  return real;
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Makes the rename itself durable; some platforms refuse to open a directory, which is fine. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the data itself is already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Only the product and municipality lists: a broken incident file elsewhere must not block a new one. */
export function readCatalog(contentDir: string): { componentIds: Set<string>; municipalityIds: Set<string> } {
  const read = <T>(name: string, parse: (raw: unknown) => { success: true; data: T } | { success: false; error: ZodError }): T => {
    const file = join(resolve(contentDir), name);
    const parsed = parse(parseYamlText(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new ContentError(problemsFromZod(file, parsed.error));
    return parsed.data;
  };
  const catalog = read('components.yaml', (raw) => ComponentCatalogSchema.safeParse(raw, { reportInput: true }));
  const list = read('municipalities.yaml', (raw) => MunicipalityListSchema.safeParse(raw, { reportInput: true }));
  return {
    componentIds: new Set(catalog.components.map((component) => component.id)),
    municipalityIds: new Set(list.municipalities.map((municipality) => municipality.id)),
  };
}
