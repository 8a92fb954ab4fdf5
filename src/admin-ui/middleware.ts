import { defineMiddleware } from 'astro:middleware';

export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const response = await next();
  response.headers.set('X-Frame-Options', 'DENY');
  return response;
});
