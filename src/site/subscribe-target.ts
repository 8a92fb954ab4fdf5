import { paths } from './urls.ts';

/**
 * Where the public page's subscribe form posts: /abonneren on the admin server. The status page
 * may be static files on another host, so the build takes the admin's address from
 * HELDER_ADMIN_URL (the publish step passes the configured one); without it the form posts to
 * the same host, as `npm start` serves both.
 */
export function subscribeAction(): string {
  const adminUrl = process.env.HELDER_ADMIN_URL?.trim();
  return adminUrl && /^https?:\/\//.test(adminUrl) ? `${adminUrl.replace(/\/+$/, '')}${paths.subscribe}` : paths.subscribe;
}
