import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH } from '../../../src/auth/password-policy.ts';
import { problemText } from '../../../src/i18n/refusals.ts';
import { passwordPolicyProblems } from '../../../src/use-cases/accounts/password-problems.ts';

const codes = (password: string, person: { email?: string; name?: string } = {}) => checkPasswordPolicy(password, person).map((problem) => problem.code);

describe('password policy', () => {
  it('accepts a long passphrase without any composition rules', () => {
    expect(codes('fietsen langs de amstel bij regen')).toEqual([]);
    expect(codes('zonnebloemkoffiemolen')).toEqual([]);
  });

  it('refuses fewer than 12 characters, counting characters not bytes', () => {
    expect(codes('kort-wachtw')).toEqual(['too_short']);
    expect(codes('ééééééééééé')).toEqual(['too_short']); // 11 characters, 22 bytes
    expect(codes('zonnebloem€€')).toEqual([]);
  });

  it('refuses more than the maximum length', () => {
    expect(codes('a1b2c3d4e5'.repeat(30))).toEqual(['too_long']);
    expect(PASSWORD_MAX_LENGTH).toBe(256);
  });

  it.each(['welkom123456', 'wachtwoord12', 'Wachtwoord2026!', 'W3lkom123456', 'P@ssw0rd123456', 'welkomwelkom', 'Feyenoord2026!!', 'qwertyuiop123', '1qaz2wsx3edc', 'ikhouvansanne', '123welkom!!!!'])(
    'refuses the common password %s',
    (password) => {
      expect(codes(password)).toEqual(['common']);
    },
  );

  it.each(['123456789012', 'aaaaaaaaaaaa', 'abcabcabcabc', 'abcdefghijklmn', '0987654321098', 'qwertyuiopasdf', '121212121212'])(
    'refuses the predictable password %s',
    (password) => {
      expect(codes(password)).toEqual(['predictable']);
    },
  );

  it('refuses the user’s own e-mail address or name inside the password', () => {
    const person = { email: 'm.jansen@leverancier.nl', name: 'Marieke Jansen' };
    expect(codes('m.jansen@leverancier.nl', person)).toContain('personal');
    expect(codes('m.jansen-geheimpje-77', person)).toContain('personal');
    expect(codes('MariekeJansen-2026', person)).toContain('personal');
    expect(codes('Marieke Jansen 1984', person)).toContain('personal');
    expect(codes('jansen!!!!!!!!', person)).toContain('personal');
    expect(codes('fietsen langs de amstel', person)).toEqual([]);
  });

  it('gives each problem in Dutch and English', () => {
    const [problem] = passwordPolicyProblems(checkPasswordPolicy('kort'));
    expect(problem).toMatchObject({ field: 'password', code: 'password_too_short' });
    expect(problemText(problem!, 'nl')).toMatch(/minstens 12 tekens/);
    expect(problemText(problem!, 'en')).toMatch(/at least 12 characters/);
  });
});
