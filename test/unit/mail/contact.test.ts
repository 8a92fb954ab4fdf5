import { describe, expect, it } from 'vitest';
import { ContactSchema, MailboxSchema, mailboxProblem } from '../../../src/domain/contact.ts';
import type { ProblemCode } from '../../../src/domain/index.ts';
import { problemsFromZod } from '../../../src/domain/problems.ts';
import { problemText } from '../../../src/i18n/refusals.ts';

describe('MailboxSchema: exactly one mailbox', () => {
  it.each(['servicedesk@utrecht.nl', 'Applicatiebeheer.BRP@gemeente-s-hertogenbosch.nl', "o'brien+storing@xn--gemeente-9za.nl", 'a@b.co'])('accepts %s', (address) => {
    expect(MailboxSchema.parse(address)).toBe(address);
  });

  it('trims surrounding spaces', () => {
    expect(MailboxSchema.parse('  servicedesk@utrecht.nl ')).toBe('servicedesk@utrecht.nl');
  });

  it.each([
    ['a@x.nl, b@y.nl', 'one_mailbox'],
    ['a@x.nl;b@y.nl', 'one_mailbox'],
    ['a@x.nl b@y.nl', 'one_mailbox'],
    ['servicedesk@utrecht.nl\r\nBcc: iedereen@example.nl', 'single_line'],
    ['servicedesk@utrecht.nl\n', 'single_line'],
    ['Servicedesk <servicedesk@utrecht.nl>', 'mailbox_bare_address'],
    ['"servicedesk@utrecht.nl"', 'mailbox_bare_address'],
    ['servicedesk', 'invalid_email'],
    ['servicedesk@localhost', 'invalid_email'],
    ['.servicedesk@utrecht.nl', 'invalid_email'],
    ['service desk@utrecht.nl', 'invalid_email'],
    ['', 'required'],
  ])('refuses %j', (value, code) => {
    expect(mailboxProblem(value.replace(/^[ \t]+|[ \t]+$/g, ''))).toBe(code);
    const result = MailboxSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(problemsFromZod(result.error!)).toEqual([{ field: '', code }]);
  });

  it('says what to do in Dutch and English', () => {
    expect(['one_mailbox', 'single_line', 'mailbox_bare_address', 'invalid_email'].map((code) => problemText({ code: code as ProblemCode }, 'nl'))).toMatchInlineSnapshot(`
      [
        "Vul precies één e-mailadres in. Zet elk adres bij een eigen contactpersoon.",
        "Gebruik één regel, zonder regelovergang.",
        "Vul alleen het adres in, zonder naam of punthaken, bijvoorbeeld servicedesk@gemeente.nl.",
        "Vul één geldig e-mailadres in, bijvoorbeeld servicedesk@gemeente.nl.",
      ]
    `);
    expect(problemText({ code: 'one_mailbox' }, 'en')).toMatchInlineSnapshot(`"Enter exactly one e-mail address. Put each address on a contact of its own."`);
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
    const result = ContactSchema.safeParse({ municipality: 'Utrecht', name: '', email: 'a@x.nl, b@y.nl', language: 'de', products: [] }, { reportInput: true });
    expect(problemsFromZod(result.error!).map((problem) => `${problem.field} [${problem.code}]: ${problemText(problem, 'nl')}`)).toMatchInlineSnapshot(`
      [
        "municipality [invalid_municipality_code]: Vul een CBS-gemeentecode in: GM en vier cijfers, bijvoorbeeld GM0344.",
        "name [required]: Vul dit in.",
        "email [one_mailbox]: Vul precies één e-mailadres in. Zet elk adres bij een eigen contactpersoon.",
        "language [not_one_of]: Kies een van deze mogelijkheden: nl of en.",
        "products [too_few]: Kies er minstens één.",
      ]
    `);
  });
});
