import type { APIRoute } from 'astro';
import { municipalitySearchIndex } from '../../../../components/municipality-entries.ts';
import { getReadModel } from '../../../../site/read-model.ts';

export const prerender = true;

/** The index the public server answers /en/municipalities/search/?q=… from (src/server/municipality-search.ts). */
export const GET: APIRoute = () => Response.json(municipalitySearchIndex(getReadModel(), 'en'));
