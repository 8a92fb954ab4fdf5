import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { deliveryMessageId, threadingHeaders } from '../../../src/mail/message-id.ts';
import { buildMimeMessage, formatAddress, rfc5322Date } from '../../../src/mail/mime-message.ts';

const BASE = {
  from: { name: 'Storingsdienst Leverancier', address: 'storingen@leverancier.nl' },
  to: { name: "Servicedesk 's-Hertogenbosch", address: 'servicedesk@s-hertogenbosch.nl' },
  subject: 'Storing Taxo Belastingen en financiën – WOZ-beschikkingen vertraagd',
  messageId: '<d42.msg-1.abcdef012345@leverancier.nl>',
  date: new Date('2026-10-25T01:30:00Z'),
  language: 'nl' as const,
  unsubscribeUrl: 'https://status.leverancier.nl/afmelden/c42.AAAAAAAAAAAAAAAAAAAAAA',
  html: '<p>Geachte heer/mevrouw, de WOZ-beschikkingen worden later verstuurd. Één moment geduld a.u.b.</p>',
  text: 'Geachte heer/mevrouw, de WOZ-beschikkingen worden later verstuurd. Één moment geduld a.u.b.\n',
};

describe('buildMimeMessage', () => {
  it('produces a multipart/alternative message mail clients read back exactly', async () => {
    const raw = buildMimeMessage({ ...BASE, ...threadingHeaders(['<d1.msg-0.aaaaaaaaaaaa@leverancier.nl>', '<d7.msg-0b.bbbbbbbbbbbb@leverancier.nl>']) });
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(BASE.subject);
    expect(mail.text).toBe(BASE.text);
    expect(mail.html).toBe(BASE.html);
    expect(mail.messageId).toBe(BASE.messageId);
    expect(mail.inReplyTo).toBe('<d7.msg-0b.bbbbbbbbbbbb@leverancier.nl>');
    expect(mail.references).toEqual(['<d1.msg-0.aaaaaaaaaaaa@leverancier.nl>', '<d7.msg-0b.bbbbbbbbbbbb@leverancier.nl>']);
    expect(mail.to).toMatchObject({ value: [{ name: "Servicedesk 's-Hertogenbosch", address: 'servicedesk@s-hertogenbosch.nl' }] });
    expect(mail.date).toEqual(BASE.date);
    const folded = raw.toString('latin1').split('\r\n\r\n')[0]!;
    const head = folded.replace(/\r\n[ \t]+/g, ' ');
    expect(head).toContain('Auto-Submitted: auto-generated');
    expect(head).toContain('List-Unsubscribe: <https://status.leverancier.nl/afmelden/c42.AAAAAAAAAAAAAAAAAAAAAA>');
    expect(head).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(head).toContain('Content-Language: nl');
    // Every header line stays within the 78-character recommendation of RFC 5322.
    for (const line of folded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(raw.toString('latin1')).not.toMatch(/[^\r]\n/);
  });

  it('refuses header injection through the subject', () => {
    expect(() => buildMimeMessage({ ...BASE, subject: 'Storing\r\nBcc: iedereen@example.nl' })).toThrow('mail subject must not contain a line break');
  });

  it('formats dates in UTC and addresses safely', () => {
    expect(rfc5322Date(new Date('2026-03-29T01:05:09Z'))).toBe('Sun, 29 Mar 2026 01:05:09 +0000');
    expect(formatAddress({ name: 'Gemeente "Súdwest-Fryslân"', address: 'ict@sudwestfryslan.nl' })).toMatch(/^=\?UTF-8\?Q\?.+\?= <ict@sudwestfryslan\.nl>$/);
    expect(formatAddress({ name: 'Team "BRP"', address: 'brp@utrecht.nl' })).toBe('"Team \\"BRP\\"" <brp@utrecht.nl>');
    expect(formatAddress({ address: 'brp@utrecht.nl' })).toBe('<brp@utrecht.nl>');
  });
});

describe('Message-IDs and threading', () => {
  it('is deterministic per delivery and differs between deliveries', () => {
    const input = { deliveryId: 42, outboxMessageId: 'msg_2026/11 brp', recipient: 'ServiceDesk@Utrecht.nl', domain: 'leverancier.nl' };
    const id = deliveryMessageId(input);
    expect(id).toMatch(/^<d42\.msg-2026-11-brp\.[0-9a-f]{12}@leverancier\.nl>$/);
    expect(deliveryMessageId({ ...input, recipient: 'servicedesk@utrecht.nl' })).toBe(id);
    expect(deliveryMessageId({ ...input, deliveryId: 43 })).not.toBe(id);
  });

  it('keeps the first and the latest references when a thread grows long', () => {
    const ids = Array.from({ length: 25 }, (_, index) => `<m${index}@x.nl>`);
    const headers = threadingHeaders(ids, 5);
    expect(headers).toEqual({ inReplyTo: '<m24@x.nl>', references: ['<m0@x.nl>', '<m21@x.nl>', '<m22@x.nl>', '<m23@x.nl>', '<m24@x.nl>'] });
    expect(threadingHeaders([])).toEqual({});
  });
});
