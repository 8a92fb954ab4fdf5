import type { AstroIntegration } from 'astro';

/**
 * The admin's on-demand routes, injected only into the full build. The public build (which the
 * publish step runs after every change, and which may be deployed to a plain static host) never
 * sees them, so it needs no adapter and cannot leak an admin page.
 */
const ROUTES: Array<[pattern: string, entrypoint: string]> = [
  ['/admin', 'dashboard.astro'],
  ['/admin/aanmelden', 'sign-in.astro'],
  ['/admin/afmelden', 'sign-out.astro'],
  ['/admin/taal', 'language.ts'],
  ['/admin/stijl.css', 'stylesheet.ts'],
  ['/admin/script/voorbeeld.js', 'preview-script.ts'],
  ['/admin/script/velden.js', 'fields-script.ts'],
  ['/admin/voorbeeld/[token]', 'preview-frame.ts'],
  ['/admin/incidenten', 'incidents/list.astro'],
  ['/admin/incidenten/nieuw', 'incidents/new.astro'],
  ['/admin/incidenten/[id]', 'incidents/detail.astro'],
  ['/admin/incidenten/[id]/update', 'incidents/update.astro'],
  ['/admin/incidenten/[id]/wijzigen', 'incidents/change.astro'],
  ['/admin/incidenten/[id]/oplossen', 'incidents/resolve.astro'],
  ['/admin/incidenten/[id]/nabeschouwing', 'incidents/postmortem.astro'],
  ['/admin/incidenten/[id]/procedure', 'incidents/procedure.astro'],
  ['/admin/onderhoud', 'maintenance/list.astro'],
  ['/admin/onderhoud/nieuw', 'maintenance/new.astro'],
  ['/admin/onderhoud/[id]', 'maintenance/detail.astro'],
  ['/admin/berichten', 'messages/list.astro'],
  ['/admin/berichten/nieuw', 'messages/new.astro'],
  ['/admin/berichten/voorbeeld', 'messages/live-preview.ts'],
  ['/admin/berichten/[id]', 'messages/detail.astro'],
  ['/admin/berichten/[id]/bewerken', 'messages/edit.astro'],
  ['/admin/berichten/[id]/html', 'messages/html-frame.ts'],
  ['/admin/berichten/[id]/verzending', 'messages/deliveries.astro'],
  ['/admin/postbus', 'mailbox/list.astro'],
  ['/admin/postbus/[id]', 'mailbox/detail.astro'],
  ['/admin/postbus/[id]/html', 'mailbox/html.ts'],
  ['/admin/postbus/[id]/download', 'mailbox/download.ts'],
  ['/admin/gebruikers', 'users/list.astro'],
  ['/admin/gebruikers/[id]', 'users/detail.astro'],
  ['/admin/audit', 'audit.astro'],
  ['/admin/kanalen', 'channels/list.astro'],
  ['/admin/contacten', 'contacts/list.astro'],
  ['/admin/contacten/import', 'contacts/import.astro'],
  ['/admin/contacten/export.csv', 'contacts/export.ts'],
  ['/admin/contacten/[id]', 'contacts/detail.astro'],
  ['/admin/oefeningen', 'drills/list.astro'],
  ['/admin/oefeningen/scenario', 'drills/scenario.astro'],
  ['/admin/oefeningen/oefening.css', 'drills/stylesheet.ts'],
  ['/admin/oefeningen/[id]', 'drills/detail.astro'],
  ['/admin/oefeningen/[id]/rapport', 'drills/report.astro'],
  ['/admin/oefeningen/[id]/rapport.json', 'drills/report-json.ts'],
  ['/admin/oefeningen/[id]/voorbeeld', 'drills/preview.astro'],
  ['/admin/oefeningen/[id]/post/[mail]', 'drills/captured-mail.ts'],
  ['/admin/meldingen', 'signals/list.astro'],
  ['/admin/meldingen/nieuw', 'signals/record.astro'],
  ['/admin/meldingen/sleutels', 'signals/tokens.astro'],
  ['/admin/meldingen/waarschuwing/[id]', 'signals/alert.astro'],
];

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
