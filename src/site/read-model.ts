import { resolve } from 'node:path';
import { loadContent } from '../content/load-content.ts';
import { buildReadModel, type ReadModel } from '../domain/index.ts';

let cached: ReadModel | undefined;

/**
 * The read model for the build, computed once per build process. `HELDER_CONTENT_DIR` points at
 * another content folder (tests, benchmarks, the admin's publish step); `HELDER_NOW` fixes the
 * clock so a build is reproducible.
 */
export function getReadModel(): ReadModel {
  if (!cached) {
    const contentDir = resolve(process.env.HELDER_CONTENT_DIR ?? 'content');
    const now = process.env.HELDER_NOW ? new Date(process.env.HELDER_NOW) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error(`HELDER_NOW is not a date: "${process.env.HELDER_NOW}"`);
    const siteUrl = process.env.HELDER_SITE_URL;
    cached = buildReadModel(loadContent(contentDir, siteUrl ? { siteUrl } : {}), now);
  }
  return cached;
}
