import { describe, expect, it } from 'vitest';
import { ContactSchema, MailboxSchema, mailboxProblem } from '../../../src/domain/contact.ts';

describe('MailboxSchema: exactly one mailbox', () => {
  it.each(['servicedesk@utrecht.nl', 'Applicatiebeheer.BRP@gemeente-s-hertogenbosch.nl', "o'brien+storing@xn--gemeente-9za.nl", 'a@b.co'])('accepts %s', (address) => {
    expect(MailboxSchema.parse(address)).toBe(address);
  });

  it('trims surrounding spaces', () => {
    expect(MailboxSchema.parse('  servicedesk@utrecht.nl ')).toBe('servicedesk@utrecht.nl');
  });

  it.each([
    ['a@x.nl, b@y.nl', 'must be exactly one e-mail address; put each address on its own contact'],
    ['a@x.nl;b@y.nl', 'must be exactly one e-mail address; put each address on its own contact'],
    ['a@x.nl b@y.nl', 'must be exactly one e-mail address; put each address on its own contact'],
    ['servicedesk@utrecht.nl\r\nBcc: iedereen@example.nl', 'must not contain a line break'],
    ['servicedesk@utrecht.nl\n', 'must not contain a line break'],
    ['Servicedesk <servicedesk@utrecht.nl>', 'must be a bare address without a display name or angle brackets, e.g. "servicedesk@utrecht.nl"'.replace('utrecht.nl', 'gemeente.nl')],
    ['"servicedesk@utrecht.nl"', 'must be a bare address without a display name or angle brackets, e.g. "servicedesk@gemeente.nl"'],
    ['servicedesk', 'must be an e-mail address with one "@", e.g. "servicedesk@gemeente.nl"'],
    ['servicedesk@localhost', 'has an invalid domain: "localhost"'],
    ['.servicedesk@utrecht.nl', 'has an invalid part before the "@": ".servicedesk"'],
    ['service desk@utrecht.nl', 'must not contain spaces'],
    ['', 'must not be empty'],
  ])('refuses %j', (value, reason) => {
    expect(mailboxProblem(value.replace(/^[ \t]+|[ \t]+$/g, ''))).toBe(reason);
    expect(MailboxSchema.safeParse(value).error?.issues[0]?.message).toBe(reason);
  });
});

describe('ContactSchema', () => {
  it('fills defaults: Dutch, all products, active', () => {
    expect(ContactSchema.parse({ municipality: 'GM0344', name: 'Servicedesk Burgerzaken', email: 'servicedesk@utrecht.nl' })).toEqual({
      municipality: 'GM0344',
      name: 'Servicedesk Burgerzaken',
      email: 'servicedesk@utrecht.nl',
      role: '',
      language: 'nl',
      products: 'all',
      active: true,
    });
  });

  it('names each bad field', () => {
    const result = ContactSchema.safeParse({ municipality: 'Utrecht', name: '', email: 'a@x.nl, b@y.nl', language: 'de', products: [] });
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toMatchInlineSnapshot(`
      [
        "municipality: must be a CBS municipality code: "GM" followed by four digits, e.g. "GM0344"",
        "name: must not be empty",
        "email: must be exactly one e-mail address; put each address on its own contact",
        "language: must be "nl" or "en"",
        "products: must list at least one product, or be "all"",
      ]
    `);
  });
});
