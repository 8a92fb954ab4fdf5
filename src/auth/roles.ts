/**
 * Roles and what each may do. Every admin handler asks `requirePermission` (or `requireRole`)
 * itself, so a route that is reachable by URL is still closed to the wrong person.
 */
export const ROLES = ['composer', 'approver', 'admin', 'incident_manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { nl: string; en: string }> = {
  composer: { nl: 'Opsteller', en: 'Composer' },
  approver: { nl: 'Goedkeurder', en: 'Approver' },
  admin: { nl: 'Beheerder', en: 'Administrator' },
  incident_manager: { nl: 'Incidentmanager', en: 'Incident manager' },
};

/** Accepts the English role names and the Dutch ones users know from the screen. */
export function parseRole(value: string): Role | null {
  const normalised = value.trim().toLowerCase();
  if ((ROLES as readonly string[]).includes(normalised)) return normalised as Role;
  for (const role of ROLES) if (ROLE_LABELS[role].nl.toLowerCase() === normalised) return role;
  return null;
}

/**
 * Who may do what. A user holds a set of roles and may do the union. Admin manages the
 * installation, not the messages: it implies neither composing nor approving, so four-eyes is not
 * silently bypassed by the person who hands out roles.
 */
export const PERMISSIONS = {
  'dashboard.view': ['composer', 'approver', 'admin', 'incident_manager'],
  'incident.view': ['composer', 'approver', 'admin', 'incident_manager'],
  'incident.manage': ['composer', 'incident_manager'],
  'maintenance.manage': ['composer'],
  'message.view': ['composer', 'approver', 'incident_manager'],
  'message.compose': ['composer'],
  'message.submit': ['composer'],
  'message.cancel': ['composer', 'approver'],
  'message.approve': ['approver'],
  'message.reject': ['approver'],
  'delivery.view': ['composer', 'approver', 'admin', 'incident_manager'],
  'subscriber.manage': ['admin'],
  'user.manage': ['admin'],
  'audit.view': ['admin'],
  'settings.manage': ['admin'],
  /** Ask for a new build of the public site ("Opnieuw publiceren"), e.g. after fixing a content file. */
  'site.republish': ['admin'],
  'password.change_own': ['composer', 'approver', 'admin', 'incident_manager'],
  // Leading a drill (start, inject signals, assign roles, end) is for those who run the procedure;
  // everyone on staff takes part, notes observations and writes the evaluation.
  'drill.view': ['composer', 'approver', 'admin', 'incident_manager'],
  'drill.take_part': ['composer', 'approver', 'admin', 'incident_manager'],
  'drill.lead': ['approver', 'admin', 'incident_manager'],
  'drill.scenario.manage': ['admin'],
  // Customer signals: everyone sees them; the people who run incidents record calls and handle alerts.
  'signal.view': ['composer', 'approver', 'admin'],
  'signal.record': ['composer', 'approver'],
  'signal.alert.handle': ['composer', 'approver'],
  'api_token.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

/** The minimum a check needs to know about the signed-in person. */
export interface Principal {
  userId: number;
  name: string;
  roles: readonly Role[];
}
