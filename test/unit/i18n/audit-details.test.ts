import { describe, expect, it } from 'vitest';
import { describeAuditDetails } from '../../../src/i18n/audit-details.ts';

/** The audit page's details column: what a reader needs in words, nothing technical. */
describe('audit details in words', () => {
  it('names the people, texts, times and counts of an entry, in the reader\'s language', () => {
    const handedOver = { from: 'Fatima El Amrani', from_user_id: 3, to: 'Sanne de Vries', to_user_id: 5, note: 'Ik ga naar het overleg met Den Haag.', role: 'incident_manager', user_name: 'Sanne de Vries' };
    expect(describeAuditDetails(handedOver, 'nl')).toEqual([
      { label: 'Notitie', value: 'Ik ga naar het overleg met Den Haag.' },
      { label: 'Rol', value: 'Incidentmanager' },
      { label: 'Collega', value: 'Sanne de Vries' },
    ]);
    const ticked = { step: 'klantenservice-informeren', title: 'Klantenservice informeren', due_at: '2026-11-30T09:15:00.000Z', late: true };
    expect(describeAuditDetails(ticked, 'nl')).toEqual([
      { label: 'Titel', value: 'Klantenservice informeren' },
      { label: 'Uiterlijk om', value: '30 november 2026 om 10:15' },
      { label: 'Te laat', value: 'ja' },
    ]);
    expect(describeAuditDetails({ email: 'kees.smit@voorbeeldsoftware.nl', name: 'Kees Smit', roles: ['composer', 'approver'], demo: false }, 'en')).toEqual([
      { label: 'Email address', value: 'kees.smit@voorbeeldsoftware.nl' },
      { label: 'Name', value: 'Kees Smit' },
      { label: 'Roles', value: 'Composer, Approver' },
      { label: 'Demo', value: 'no' },
    ]);
  });

  it('translates stored codes it knows and leaves out ids, hashes, codes it does not know and shapes it cannot read', () => {
    expect(describeAuditDetails({ status: 'identified', impact: 'major', components: { 'registra-brp': 'major_outage' }, hash: 'a3f9c2', submitted_hash: 'b4e1' }, 'nl')).toEqual([
      { label: 'Status', value: 'Oorzaak gevonden' },
      { label: 'Impact', value: 'Grote impact' },
    ]);
    // A maintenance status is not an incident status; a role list with an unknown role is not half shown.
    expect(describeAuditDetails({ status: 'in_progress', roles: ['composer', 'superuser'], from: 'submitted' }, 'nl')).toEqual([]);
    expect(describeAuditDetails({ text: { nl: 'Gemeente Utrecht belt: niemand kan inloggen.', en: 'Utrecht calls: nobody can sign in.' } }, 'en')).toEqual([{ label: 'Text', value: 'Utrecht calls: nobody can sign in.' }]);
    expect(describeAuditDetails({ reason: 'x'.repeat(400) }, 'nl')[0]!.value).toHaveLength(301);
  });
});
