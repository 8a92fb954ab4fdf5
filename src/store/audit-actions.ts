/**
 * The audit vocabulary: every action the audit log may record. A closed list keeps the admin's
 * audit filter meaningful and stops near-synonyms ("message_sent" vs "delivery_sent") from
 * splitting one kind of event in two. Add a word here (with its comment) before using it.
 */
export const AUDIT_ACTIONS = [
  // Accounts and sessions
  'sign_in', // a user signed in; a new session started
  'sign_in_failed', // wrong password, unknown e-mail or disabled account (details.reason says which)
  'sign_in_throttled', // refused unchecked: too many failures for the account or the address
  'sign_out', // the user ended their session
  'user_added',
  'user_disabled', // all the user's sessions ended in the same write
  'user_enabled',
  'user_roles_changed',
  'password_changed', // by the user themselves
  'password_reset', // by an admin, the CLI or the demo seeding
  'demo_users_seeded',
  'demo_contacts_seeded', // the first demo start added example contacts (HELDER_ENV=demo only)
  // Incidents and maintenance (content files)
  'incident_opened',
  'incident_updated',
  'incident_changed', // title, impact, products or municipalities changed, explained in a public update (details.changed, from, to)
  'incident_resolved',
  'incident_merged', // a duplicate resolved into the incident that goes on (details.into); its page points there
  'postmortem_added',
  'incident_manager_handed_over', // the incident manager role of one incident passed to a colleague, with a note (details.from, details.to)
  // The storingsprocedure checklist and the war-room log (internal; subject { type: 'incident', id })
  'checklist_step_done', // a step of the incident's checklist ticked (details.step, title)
  'checklist_step_undone', // a tick taken back
  'checklist_step_owner_set', // a step given to a colleague (details.owner; null: nobody)
  'war_room_action_added', // a free action with owner and due time (details.action, owner, due_at)
  'war_room_action_done',
  'war_room_action_undone',
  'war_room_note_added', // an internal note; never public (details.note)
  // Approval for everything public; the subject is { type: 'public_change', id }
  'public_change_proposed', // an opening, update, change or resolution offered for approval (details.kind, incident, hash)
  'public_change_at_once', // an incident manager's first notice put on the page at once, to be reviewed afterwards
  'public_change_approved', // a second person approved exactly the offered content (details.hash); it is on the page
  'public_change_rejected', // sent back with a reason; nothing of it reached the page (or, at once: reviewed and found wrong)
  'public_change_voided', // the content changed after it was offered: not approved, offer again
  'maintenance_scheduled',
  'maintenance_updated',
  'maintenance_started',
  'maintenance_completed',
  'maintenance_cancelled',
  // Messages: compose → submit → approve → publish
  'message_drafted',
  'message_edited',
  'message_submitted',
  'message_returned_to_draft', // the author took a submitted message back to edit it
  'message_approved',
  'message_rejected',
  'message_cancelled',
  'message_published',
  'message_publication_failed', // approved, but writing the update or requesting the build failed; retried
  'approval_voided', // an edit after approval made the approval invalid
  'duty_separation_refused', // an approval or a change of one's own roles refused by separation of duties (details.code says which rule)
  // Publishing the public site
  'site_published',
  'site_publish_failed',
  'site_republish_requested', // an admin pressed "Opnieuw publiceren"
  'publish_target_retry_requested', // an admin pressed "Opnieuw kopiëren" for a failed copy of the status page
  // E-mail delivery
  'delivery_queued',
  'delivery_sent', // accepted by the SMTP server; not the same as delivered to the inbox
  'delivery_failed', // permanent failure (5xx) or given up after retries
  'delivery_expired', // not sent within DELIVERY_EXPIRY_MINUTES
  'delivery_paused', // an operator paused the rest of a send
  'delivery_resumed',
  'delivery_cancelled', // an operator cancelled the rest of a send
  'delivery_resent', // failed/unknown recipients queued again, with their Message-IDs
  'test_message_sent', // "send test message to me"
  // Subscribers
  'subscriber_added',
  'subscriber_changed',
  'subscriber_removed',
  'subscriber_unsubscribed',
  // Installation
  'settings_changed',
  'audit_chain_keyed', // the audit chain was keyed with the key file beside the database; earlier rows stay as they were
  // Drills (brandoefeningen); the subject is { type: 'drill', id }
  'drill_started',
  'drill_role_assigned',
  'drill_event_injected', // a scenario signal brought in by the drill leader
  'drill_event_recorded', // an observation noted during the drill
  'drill_ended',
  'drill_notes_saved', // the team's evaluation notes
  'drill_scenario_saved', // an admin's own scenario added or changed
  // Customer signals; the subject is { type: 'signal' | 'signal_alert' | 'api_token', id }
  'signal_recorded', // a call, ticket or monitoring event stored (API, TOPdesk, by hand)
  'signal_alert_raised', // the spike rule raised "mogelijk landelijke storing" or "lokale storing"
  'signal_alert_closed', // handled, or linked to an incident (details.reason)
  'api_token_added',
  'api_token_revoked',
  // Channels (Teams, Slack, webhooks); the subject is { type: 'channel', id }. Details never hold the URL or secret.
  'channel_added',
  'channel_removed',
  'channel_test_sent',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
