import type { APIRoute, GetStaticPaths } from 'astro';
import { rssResponse } from '../../../../feeds/feed-responses.ts';
import { productFeedSource } from '../../../../feeds/feed-source.ts';
import { getReadModel } from '../../../../site/read-model.ts';

export const prerender = true;

export const getStaticPaths = (() => getReadModel().components.map((entry) => ({ params: { id: entry.component.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => rssResponse(productFeedSource(getReadModel(), params.id ?? '', 'en'));
