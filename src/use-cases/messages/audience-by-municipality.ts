import type { ApprovalRecipient } from '../../domain/approval-hash.ts';
import { findContact } from '../../store/contacts-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export interface MunicipalityAudience {
  /** The municipality (CBS code and name), or null for a recipient whose contact has since been removed. */
  municipality: { id: string; name: string } | null;
  recipients: readonly ApprovalRecipient[];
}

/**
 * A message's recipients grouped by municipality, alphabetically, so the approver sees who gets it
 * before approving. Each recipient counts once (the audience is deduplicated by address), under
 * the municipality of the contact the audience chose for that address.
 */
export function audienceByMunicipality(ctx: UseCaseContext, caller: Caller, audience: readonly ApprovalRecipient[]): MunicipalityAudience[] {
  authorise(caller, 'message.view');
  const names = new Map(ctx.content.read().municipalities.map((municipality) => [municipality.id, municipality.name]));
  const groups = new Map<string | null, ApprovalRecipient[]>();
  for (const recipient of audience) {
    const contactId = Number(recipient.contactId);
    const code = Number.isInteger(contactId) ? (findContact(ctx.db, contactId)?.municipality ?? null) : null;
    const group = groups.get(code) ?? [];
    group.push(recipient);
    groups.set(code, group);
  }
  return [...groups]
    .map(([code, recipients]) => ({
      municipality: code === null ? null : { id: code, name: names.get(code) ?? code },
      recipients: [...recipients].sort((a, b) => a.address.localeCompare(b.address)),
    }))
    .sort((a, b) => (a.municipality === null ? 1 : b.municipality === null ? -1 : a.municipality.name.localeCompare(b.municipality.name, 'nl')));
}
