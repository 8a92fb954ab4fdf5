import { describe, expect, it } from 'vitest';
import { canonicalApprovalContent, changedApprovalParts, type ApprovalContent } from '../../../src/domain/approval-hash.ts';

const content = (): ApprovalContent => ({
  messageId: '5f0c2a8e-3b1d-4c55-9a0e-7d2f1b6c9e01',
  subject: { kind: 'incident', id: '2026-11-27-registra-brp-landelijke-storing' },
  drill: false,
  update: { status: 'identified', components: { 'registra-brp': 'major_outage', 'registra-reisdocumenten': 'partial_outage' }, nextUpdateAt: '2026-11-27T09:30:00.000Z' },
  renderings: [
    {
      lang: 'nl',
      templateId: 'storing-update',
      templateVersion: 'sha256-3f1a',
      subject: 'Update storing Registra BRP',
      html: '<p>De oorzaak is gevonden.</p>',
      text: 'De oorzaak is gevonden.',
      statusPageMarkdown: 'De oorzaak is gevonden.',
    },
    {
      lang: 'en',
      templateId: 'storing-update',
      templateVersion: 'sha256-3f1a',
      subject: 'Update Registra BRP outage',
      html: '<p>We found the cause.</p>',
      text: 'We found the cause.',
      statusPageMarkdown: 'We found the cause.',
    },
  ],
  audience: [
    { contactId: 'c-utrecht-1', address: 'servicedesk@utrecht.nl', lang: 'nl' },
    { contactId: 'c-amsterdam-1', address: 'Applicatiebeheer@Amsterdam.nl', lang: 'en' },
    { contactId: 'c-breda-1', address: 'burgerzaken@breda.nl', lang: 'nl' },
  ],
});

describe('the canonical approval content', () => {
  it('does not depend on the order renderings, recipients or object keys arrive in', () => {
    const a = content();
    const b = content();
    b.renderings = [...b.renderings].reverse();
    b.audience = [...b.audience].reverse();
    b.update = { nextUpdateAt: a.update.nextUpdateAt, components: { 'registra-reisdocumenten': 'partial_outage', 'registra-brp': 'major_outage' }, status: 'identified' };
    expect(canonicalApprovalContent(b)).toBe(canonicalApprovalContent(a));
  });

  it('orders recipients by address regardless of case', () => {
    const canonical = JSON.parse(canonicalApprovalContent(content())) as { audience: Array<{ address: string }> };
    expect(canonical.audience.map((recipient) => recipient.address)).toEqual([
      'Applicatiebeheer@Amsterdam.nl',
      'burgerzaken@breda.nl',
      'servicedesk@utrecht.nl',
    ]);
  });

  it.each<[string, (c: ApprovalContent) => void, string[]]>([
    ['one space in the Dutch mail text', (c) => { c.renderings[0]!.text += ' '; }, ['renderings.nl.text']],
    ['the template version', (c) => { for (const r of c.renderings) r.templateVersion = 'sha256-77b0'; }, ['renderings.en.templateVersion', 'renderings.nl.templateVersion']],
    ['one more recipient', (c) => { c.audience = [...c.audience, { contactId: 'c-tilburg-1', address: 'ict@tilburg.nl', lang: 'nl' }]; }, ['audience']],
    ['a recipient’s language', (c) => { c.audience = c.audience.map((r) => ({ ...r, lang: 'nl' })); }, ['audience']],
    ['the drill flag', (c) => { c.drill = true; }, ['drill']],
    ['the promised next update', (c) => { c.update = { ...c.update, nextUpdateAt: '2026-11-27T10:00:00.000Z' }; }, ['update.nextUpdateAt']],
    ['the incident it is posted on', (c) => { c.subject = { kind: 'incident', id: '2026-11-28-registra-brp-storing' }; }, ['subject.id']],
    ['a dropped English version', (c) => { c.renderings = c.renderings.filter((r) => r.lang === 'nl'); }, ['renderings.en']],
  ])('changes with %s, and names what changed', (_what, change, parts) => {
    const before = canonicalApprovalContent(content());
    const changed = content();
    change(changed);
    const after = canonicalApprovalContent(changed);
    expect(after).not.toBe(before);
    expect(changedApprovalParts(before, after)).toEqual(parts);
  });

  it('reports nothing changed for the same content', () => {
    const canonical = canonicalApprovalContent(content());
    expect(changedApprovalParts(canonical, canonicalApprovalContent(content()))).toEqual([]);
  });
});
