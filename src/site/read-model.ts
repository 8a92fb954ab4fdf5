import { resolve } from 'node:path';
import { loadContent } from '../content/load-content.ts';
import { buildReadModel, type ReadModel } from '../domain/index.ts';

/**
 * Where the model is kept: on globalThis under a registered symbol rather than in a module
 * variable, because the warm renderer (src/publish/warm-render-process.ts) runs this module inside
 * Astro's prerender bundle, where it cannot be imported, and must drop the model between two
 * renders of changed content.
 */
export const READ_MODEL_SLOT = Symbol.for('helder.read-model');

type ModelHolder = { [READ_MODEL_SLOT]?: ReadModel };

/**
 * The read model for the build, computed once per build (or warm render). `HELDER_CONTENT_DIR`
 * points at another content folder (tests, benchmarks, the admin's publish step); `HELDER_NOW`
 * fixes the clock so a build is reproducible.
 */
export function getReadModel(): ReadModel {
  const holder = globalThis as ModelHolder;
  let model = holder[READ_MODEL_SLOT];
  if (!model) {
    const contentDir = resolve(process.env.HELDER_CONTENT_DIR ?? 'content');
    const now = process.env.HELDER_NOW ? new Date(process.env.HELDER_NOW) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error(`HELDER_NOW is not a date: "${process.env.HELDER_NOW}"`);
    const siteUrl = process.env.HELDER_SITE_URL;
    model = buildReadModel(loadContent(contentDir, siteUrl ? { siteUrl } : {}), now);
    holder[READ_MODEL_SLOT] = model;
  }
  return model;
}
