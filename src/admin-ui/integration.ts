import type { AstroIntegration } from 'astro';

/**
 * The admin's on-demand routes, injected only into the full build. The public build (which the
 * publish step runs after every change, and which may be deployed to a plain static host) never
 * sees them, so it needs no adapter and cannot leak an admin page.
 */
const ROUTES: Array<[pattern: string, entrypoint: string]> = [['/admin', 'index.astro']];

export function helderAdmin(): AstroIntegration {
  return {
    name: 'helder-admin',
    hooks: {
      'astro:config:setup': ({ injectRoute, addMiddleware }) => {
        for (const [pattern, entrypoint] of ROUTES) {
          injectRoute({ pattern, entrypoint: new URL(`./routes/${entrypoint}`, import.meta.url), prerender: false });
        }
        addMiddleware({ entrypoint: new URL('./middleware.ts', import.meta.url), order: 'pre' });
      },
    },
  };
}
