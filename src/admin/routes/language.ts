import type { APIRoute } from 'astro';
import { safeReturnPath, seeOther } from '../admin-page.ts';

export const prerender = false;

/** Switches the admin's language (a preference cookie, nothing stored) and goes back. */
export const POST: APIRoute = async ({ request, locals }) => {
  const form = await request.formData();
  const lang = form.get('taal') === 'en' ? 'en' : 'nl';
  const secure = locals.app && new URL(locals.app.config.adminUrl).protocol === 'https:' ? '; Secure' : '';
  return seeOther(safeReturnPath(String(form.get('terug') ?? '')), {
    'Set-Cookie': `helder_taal=${lang}; Path=/admin; Max-Age=31536000; SameSite=Strict; HttpOnly${secure}`,
  });
};
