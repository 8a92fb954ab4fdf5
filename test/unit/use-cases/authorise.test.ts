import { describe, expect, it } from 'vitest';
import type { SignedInUser } from '../../../src/auth/signed-in-user.ts';
import { authorise, may } from '../../../src/use-cases/authorise.ts';
import { readRefusal, refusalOf } from '../../support/refusals.ts';

const person = (userId: number, name: string, roles: SignedInUser['roles']): SignedInUser => ({
  kind: 'user',
  userId,
  email: `${name.toLowerCase().replaceAll(' ', '.')}@voorbeeldsoftware.nl`,
  name,
  roles,
  sessionId: `sessie-${userId}`,
  sessionStartedAt: new Date('2026-11-27T07:30:00Z'),
});
const sanne = person(1, 'Sanne de Vries', ['composer']);
const bram = person(2, 'Bram Jansen', ['approver']);
const cor = person(3, 'Cor Bakker', ['admin']);

describe('authorise, the first line of every use case', () => {
  it('lets a person with a role that has the permission through', () => {
    expect(() => authorise(bram, 'message.approve')).not.toThrow();
    expect(() => authorise(sanne, 'incident.manage')).not.toThrow();
    expect(may(sanne, 'message.compose')).toBe(true);
  });

  it('refuses the wrong role as "forbidden", naming the permission and the roles that have it', () => {
    const refusal = refusalOf(() => authorise(sanne, 'message.approve'));
    expect(refusal).toMatchObject({ code: 'forbidden', params: { permission: 'message.approve', roles: ['approver'] } });
    expect(refusal.message).toContain('Sanne de Vries lacks message.approve');
    expect(readRefusal(refusal, 'nl').text).toMatchInlineSnapshot(`"Hiervoor is de rol goedkeurder nodig. Vraag een beheerder om u die rol te geven."`);
    expect(readRefusal(refusal, 'en').text).toMatchInlineSnapshot(`"This needs the approver role. Ask an administrator to give you that role."`);
    expect(may(sanne, 'message.approve')).toBe(false);
  });

  it('keeps the administrator out of composing and approving: four-eyes is not bypassed by the user manager', () => {
    expect(() => authorise(cor, 'user.manage')).not.toThrow();
    expect(refusalOf(() => authorise(cor, 'message.approve')).code).toBe('forbidden');
    expect(refusalOf(() => authorise(cor, 'message.compose')).code).toBe('forbidden');
    expect(readRefusal(refusalOf(() => authorise(cor, 'message.cancel')), 'nl').text).toMatchInlineSnapshot(`"Hiervoor is de rol opsteller of goedkeurder nodig. Vraag een beheerder om u die rol te geven."`);
  });

  it('lets the installation itself (command line, seeding, publisher) do anything', () => {
    expect(() => authorise({ kind: 'system', name: 'cli:beheer' }, 'user.manage')).not.toThrow();
    expect(() => authorise({ kind: 'system', name: 'cli:beheer' }, 'message.approve')).not.toThrow();
  });
});
