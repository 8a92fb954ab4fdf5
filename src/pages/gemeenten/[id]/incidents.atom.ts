import type { APIRoute, GetStaticPaths } from 'astro';
import { atomResponse } from '../../../feeds/feed-responses.ts';
import { findMunicipality, municipalityFeedSource } from '../../../feeds/feed-source.ts';
import { getReadModel } from '../../../site/read-model.ts';

export const prerender = true;

export const getStaticPaths = (() => getReadModel().municipalities.map((municipality) => ({ params: { id: municipality.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const model = getReadModel();
  return atomResponse(municipalityFeedSource(model, findMunicipality(model, params.id), 'nl'));
};
