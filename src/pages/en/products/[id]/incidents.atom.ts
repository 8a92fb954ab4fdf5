import type { APIRoute, GetStaticPaths } from 'astro';
import { atomResponse } from '../../../../feeds/feed-responses.ts';
import { productFeedSource } from '../../../../feeds/feed-source.ts';
import { getReadModel } from '../../../../site/read-model.ts';

export const prerender = true;

export const getStaticPaths = (() => getReadModel().components.map((entry) => ({ params: { id: entry.component.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => atomResponse(productFeedSource(getReadModel(), params.id ?? '', 'en'));
