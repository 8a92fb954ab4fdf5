import type { Language } from '../domain/index.ts';

/**
 * The audit log in words: every action, the kinds of subject and the names of the system actors
 * (stored as they were written, so the chain stays intact; shown here in the reader's language).
 * test/integration/admin/admin-words-nl.test.ts checks that every action of the audit log has its words.
 */
const actionsNl = {
  sign_in: 'Aangemeld',
  sign_in_failed: 'Aanmelden mislukt',
  sign_in_throttled: 'Aanmelden tijdelijk geblokkeerd',
  sign_out: 'Afgemeld',
  user_added: 'Gebruiker toegevoegd',
  user_disabled: 'Gebruiker uitgeschakeld',
  user_enabled: 'Gebruiker weer ingeschakeld',
  user_roles_changed: 'Rollen gewijzigd',
  password_changed: 'Wachtwoord gewijzigd',
  password_reset: 'Wachtwoord opnieuw ingesteld',
  demo_users_seeded: 'Demogebruikers aangemaakt',
  demo_contacts_seeded: 'Democontactpersonen aangemaakt',
  incident_opened: 'Incident geopend',
  incident_updated: 'Update geplaatst',
  incident_changed: 'Incident gewijzigd',
  incident_resolved: 'Incident opgelost',
  postmortem_added: 'Nabeschouwing toegevoegd',
  incident_manager_handed_over: 'Incidentmanager overgedragen',
  incident_merged: 'Dubbel incident samengevoegd',
  public_change_proposed: 'Wijziging voor de statuspagina ter goedkeuring aangeboden',
  public_change_at_once: 'Eerste melding direct op de statuspagina gezet',
  public_change_approved: 'Wijziging voor de statuspagina goedgekeurd',
  public_change_rejected: 'Wijziging voor de statuspagina afgewezen',
  public_change_voided: 'Goedkeuring van wijziging vervallen',
  maintenance_scheduled: 'Onderhoud gepland',
  maintenance_updated: 'Onderhoud bijgewerkt',
  maintenance_started: 'Onderhoud gestart',
  maintenance_completed: 'Onderhoud afgerond',
  maintenance_cancelled: 'Onderhoud geannuleerd',
  message_drafted: 'Bericht opgesteld',
  message_edited: 'Bericht aangepast',
  message_submitted: 'Bericht ter goedkeuring aangeboden',
  message_returned_to_draft: 'Bericht teruggezet naar concept',
  message_approved: 'Bericht goedgekeurd',
  message_rejected: 'Bericht afgewezen',
  message_cancelled: 'Bericht geannuleerd',
  message_published: 'Bericht op de statuspagina gezet',
  message_publication_failed: 'Bericht niet op de statuspagina gezet',
  approval_voided: 'Goedkeuring vervallen',
  duty_separation_refused: 'Geweigerd: functiescheiding',
  site_published: 'Statuspagina gepubliceerd',
  site_publish_failed: 'Publiceren statuspagina mislukt',
  site_republish_requested: 'Opnieuw publiceren gevraagd',
  publish_target_retry_requested: 'Opnieuw kopiëren gevraagd',
  delivery_queued: 'Verzending klaargezet',
  delivery_sent: 'E-mail verzonden',
  delivery_failed: 'E-mail niet verzonden',
  delivery_expired: 'E-mail verlopen',
  delivery_paused: 'Verzending gepauzeerd',
  delivery_resumed: 'Verzending hervat',
  delivery_cancelled: 'Verzending gestopt',
  delivery_resent: 'Opnieuw verzonden',
  test_message_sent: 'Testbericht verstuurd',
  subscriber_added: 'Abonnee toegevoegd',
  subscriber_changed: 'Abonnee gewijzigd',
  subscriber_removed: 'Abonnee verwijderd',
  subscriber_unsubscribed: 'Abonnee afgemeld',
  settings_changed: 'Instellingen gewijzigd',
  audit_chain_keyed: 'Auditlog beveiligd met sleutel',
  drill_started: 'Oefening gestart',
  drill_role_assigned: 'Rol in oefening toegewezen',
  drill_event_injected: 'Melding uit scenario ingebracht',
  drill_event_recorded: 'Waarneming vastgelegd',
  drill_ended: 'Oefening beëindigd',
  drill_notes_saved: 'Evaluatie opgeslagen',
  drill_scenario_saved: 'Oefenscenario opgeslagen',
  signal_recorded: 'Melding geregistreerd',
  signal_alert_raised: 'Waarschuwing gegeven',
  signal_alert_closed: 'Waarschuwing gesloten',
  api_token_added: 'API-sleutel toegevoegd',
  api_token_revoked: 'API-sleutel ingetrokken',
  channel_added: 'Kanaal toegevoegd',
  channel_removed: 'Kanaal verwijderd',
  channel_test_sent: 'Testbericht naar kanaal gestuurd',
};

const actionsEn: Record<keyof typeof actionsNl, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  sign_in_throttled: 'Sign-in temporarily blocked',
  sign_out: 'Signed out',
  user_added: 'User added',
  user_disabled: 'User disabled',
  user_enabled: 'User enabled again',
  user_roles_changed: 'Roles changed',
  password_changed: 'Password changed',
  password_reset: 'Password reset',
  demo_users_seeded: 'Demo users created',
  demo_contacts_seeded: 'Demo contacts created',
  incident_opened: 'Incident opened',
  incident_updated: 'Update posted',
  incident_changed: 'Incident changed',
  incident_resolved: 'Incident resolved',
  postmortem_added: 'Post-mortem added',
  incident_manager_handed_over: 'Incident manager handed over',
  incident_merged: 'Duplicate incident merged',
  public_change_proposed: 'Status page change submitted for approval',
  public_change_at_once: 'First notice put on the status page at once',
  public_change_approved: 'Status page change approved',
  public_change_rejected: 'Status page change rejected',
  public_change_voided: 'Approval of change voided',
  maintenance_scheduled: 'Maintenance scheduled',
  maintenance_updated: 'Maintenance updated',
  maintenance_started: 'Maintenance started',
  maintenance_completed: 'Maintenance completed',
  maintenance_cancelled: 'Maintenance cancelled',
  message_drafted: 'Message drafted',
  message_edited: 'Message edited',
  message_submitted: 'Message submitted for approval',
  message_returned_to_draft: 'Message returned to draft',
  message_approved: 'Message approved',
  message_rejected: 'Message rejected',
  message_cancelled: 'Message cancelled',
  message_published: 'Message put on the status page',
  message_publication_failed: 'Message not put on the status page',
  approval_voided: 'Approval voided',
  duty_separation_refused: 'Refused: separation of duties',
  site_published: 'Status page published',
  site_publish_failed: 'Publishing the status page failed',
  site_republish_requested: 'Republish requested',
  publish_target_retry_requested: 'Copy again requested',
  delivery_queued: 'Sending queued',
  delivery_sent: 'E-mail sent',
  delivery_failed: 'E-mail not sent',
  delivery_expired: 'E-mail expired',
  delivery_paused: 'Sending paused',
  delivery_resumed: 'Sending resumed',
  delivery_cancelled: 'Sending stopped',
  delivery_resent: 'Sent again',
  test_message_sent: 'Test message sent',
  subscriber_added: 'Subscriber added',
  subscriber_changed: 'Subscriber changed',
  subscriber_removed: 'Subscriber removed',
  subscriber_unsubscribed: 'Subscriber unsubscribed',
  settings_changed: 'Settings changed',
  audit_chain_keyed: 'Audit log secured with a key',
  drill_started: 'Drill started',
  drill_role_assigned: 'Drill role assigned',
  drill_event_injected: 'Scenario signal brought in',
  drill_event_recorded: 'Observation recorded',
  drill_ended: 'Drill ended',
  drill_notes_saved: 'Evaluation saved',
  drill_scenario_saved: 'Drill scenario saved',
  signal_recorded: 'Signal recorded',
  signal_alert_raised: 'Alert raised',
  signal_alert_closed: 'Alert closed',
  api_token_added: 'API key added',
  api_token_revoked: 'API key revoked',
  channel_added: 'Channel added',
  channel_removed: 'Channel removed',
  channel_test_sent: 'Test message sent to channel',
};

/** Kinds of subject, as stored in the audit log. */
const subjectsNl: Record<string, string> = {
  user: 'Gebruiker',
  incident: 'Incident',
  maintenance: 'Onderhoud',
  message: 'Bericht',
  drill: 'Oefening',
  drill_scenario: 'Oefenscenario',
  contact: 'Contactpersoon',
  contact_import: 'Import van contactpersonen',
  subscriber: 'Abonnee',
  signal: 'Melding',
  signal_alert: 'Waarschuwing',
  api_token: 'API-sleutel',
  public_change: 'Wijziging voor de statuspagina',
  channel: 'Kanaal',
};
const subjectsEn: Record<string, string> = {
  user: 'User',
  incident: 'Incident',
  maintenance: 'Maintenance',
  message: 'Message',
  drill: 'Drill',
  drill_scenario: 'Drill scenario',
  contact: 'Contact',
  contact_import: 'Contact import',
  subscriber: 'Subscriber',
  signal: 'Signal',
  signal_alert: 'Alert',
  api_token: 'API key',
  public_change: 'Status page change',
  channel: 'Channel',
};

/** System actors whose stored name is a technical one. */
const systemNl: Record<string, string> = {
  system: 'Helder (automatisch)',
  anonymous: 'onbekende bezoeker',
  dispatcher: 'verzending van e-mail',
};
const systemEn: Record<string, string> = {
  system: 'Helder (automatic)',
  anonymous: 'unknown visitor',
  dispatcher: 'e-mail sending',
  'publicatie van goedgekeurd bericht': 'publication of an approved message',
  'afmelden met één klik': 'one-click unsubscribe',
  afmeldpagina: 'unsubscribe page',
  aanmeldpagina: 'subscription page',
  abonneren: 'subscribing',
  'demo-installatie': 'demo installation',
};

export function auditActionLabel(action: string, lang: Language): string | null {
  const labels: Record<string, string> = lang === 'nl' ? actionsNl : actionsEn;
  return Object.hasOwn(labels, action) ? labels[action]! : null;
}

/** The kind of subject with its title ("Incident: Registra BRP niet bereikbaar"), or the kind alone. */
export function auditSubjectLabel(type: string, title: string | null, lang: Language): string {
  const kind = (lang === 'nl' ? subjectsNl : subjectsEn)[type] ?? (lang === 'nl' ? 'Onderwerp' : 'Subject');
  return title ? `${kind}: ${title}` : kind;
}

/** A stored actor name in the reader's language: colleagues' names as they are, system actors translated. */
export function actorName(name: string, lang: Language): string {
  const cli = /^cli:(.+)$/.exec(name);
  if (cli) return lang === 'nl' ? `opdrachtregel (${cli[1]})` : `command line (${cli[1]})`;
  return (lang === 'nl' ? systemNl : systemEn)[name] ?? name;
}

/** The kinds of subject to filter on, in the reader's words. */
export function auditSubjectKinds(lang: Language): Array<{ value: string; label: string }> {
  return Object.entries(lang === 'nl' ? subjectsNl : subjectsEn).map(([value, label]) => ({ value, label }));
}
