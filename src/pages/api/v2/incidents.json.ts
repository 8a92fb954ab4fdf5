import type { APIRoute } from 'astro';
import { apiEndpointResponse } from '../../../api/validated-json.ts';
import { getReadModel } from '../../../site/read-model.ts';

export const prerender = true;

/** Validated against its schema before it is written: a mismatch fails the build. */
export const GET: APIRoute = () => apiEndpointResponse('incidents', getReadModel());
