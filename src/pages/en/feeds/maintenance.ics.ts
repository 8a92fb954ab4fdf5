import type { APIRoute } from 'astro';
import { icalResponse } from '../../../feeds/feed-responses.ts';
import { siteFeedSource } from '../../../feeds/feed-source.ts';
import { getReadModel } from '../../../site/read-model.ts';

export const prerender = true;

export const GET: APIRoute = () => icalResponse(siteFeedSource(getReadModel(), 'en'));
