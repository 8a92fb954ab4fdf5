import { describe, expect, it } from 'vitest';
import { parseRole, PERMISSIONS, rolesAllow, type Principal } from '../../../src/auth/roles.ts';

const sanne: Principal = { userId: 1, name: 'Sanne de Vries', roles: ['composer'] };
const ahmed: Principal = { userId: 2, name: 'Ahmed El Amrani', roles: ['approver'] };
const joost: Principal = { userId: 3, name: 'Joost Bakker', roles: ['admin'] };

describe('roles and permissions', () => {
  it('keeps admin apart from composing and approving (four-eyes is not bypassed by the user manager)', () => {
    expect(rolesAllow(joost.roles, 'user.manage')).toBe(true);
    expect(rolesAllow(joost.roles, 'message.approve')).toBe(false);
    expect(rolesAllow(joost.roles, 'message.compose')).toBe(false);
    expect(rolesAllow(sanne.roles, 'message.approve')).toBe(false);
    expect(rolesAllow(ahmed.roles, 'message.compose')).toBe(false);
  });

  it('gives a person with several roles the union of their permissions', () => {
    const both: Principal = { userId: 4, name: 'Fatima Yilmaz', roles: ['composer', 'approver'] };
    expect(rolesAllow(both.roles, 'message.compose')).toBe(true);
    expect(rolesAllow(both.roles, 'message.approve')).toBe(true);
    expect(rolesAllow(both.roles, 'user.manage')).toBe(false);
  });

  it('grants every permission to at least one role', () => {
    for (const roles of Object.values(PERMISSIONS)) expect(roles.length).toBeGreaterThan(0);
  });

  it('reads English and Dutch role names', () => {
    expect(parseRole('Goedkeurder')).toBe('approver');
    expect(parseRole('admin')).toBe('admin');
    expect(parseRole(' opsteller ')).toBe('composer');
    expect(parseRole('superuser')).toBeNull();
  });
});
