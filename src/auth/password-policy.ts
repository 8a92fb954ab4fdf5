import { readFileSync } from 'node:fs';
import { normalisePassword } from './password-hasher.ts';

/**
 * NIST SP 800-63B style: length matters, composition rules do not. Refuse what attackers try
 * first (common words with digits around them, keyboard runs, repetitions) and what they know
 * about the person (name, e-mail).
 */
export const PASSWORD_MIN_LENGTH = 12;
// Long enough for any passphrase, short enough that hashing a pasted novel cannot tie up the server.
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblemCode = 'too_short' | 'too_long' | 'common' | 'predictable' | 'personal';

export interface PasswordProblem {
  code: PasswordProblemCode;
}

let commonPasswords: Set<string> | null = null;

function loadCommonPasswords(): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  );
  return commonPasswords;
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '!': 'i', '|': 'l' };

function unleet(text: string): string {
  return [...text].map((character) => LEET[character] ?? character).join('');
}

// Runs people type without thinking: alphabet, digits, keyboard rows (qwerty and azerty).
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789012345678901234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1q2w3e4r5t6y7u8i9o0p',
];

/** "abcabcabc" → "abc"; a text that is no repetition returns itself. */
function repeatedUnit(text: string): string {
  for (let size = 1; size <= text.length / 2; size += 1) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return text.slice(0, size);
  }
  return text;
}

function isPredictable(compact: string): boolean {
  const unit = repeatedUnit(compact);
  if (unit.length <= 4 && unit !== compact) return true;
  return SEQUENCES.some((sequence) => {
    const reversed = [...sequence].reverse().join('');
    return sequence.includes(unit) || reversed.includes(unit);
  });
}

function isCommon(compact: string): boolean {
  const list = loadCommonPasswords();
  // Strip what people bolt on to satisfy "more characters": digits and symbols at either end.
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const candidates = new Set([compact, unleet(compact), core, unleet(core)]);
  for (const candidate of [...candidates]) candidates.add(repeatedUnit(candidate));
  return [...candidates].some((candidate) => candidate !== '' && list.has(candidate));
}

function personalWords(person: { email?: string | undefined; name?: string | undefined }): string[] {
  const words: string[] = [];
  const email = person.email?.trim().toLowerCase();
  if (email) {
    words.push(email);
    const local = email.split('@')[0] ?? '';
    words.push(local, local.replace(/[^\p{L}\p{N}]/gu, ''));
  }
  const name = person.name?.trim().toLowerCase();
  if (name) words.push(name.replace(/[^\p{L}\p{N}]/gu, ''));
  // Short fragments ("de", "jan") would refuse too much: only distinctive ones count.
  return words.filter((word) => word.length >= 4);
}

function nameParts(name: string | undefined): string[] {
  return (name ?? '').toLowerCase().split(/[^\p{L}]+/u).filter((part) => part.length >= 3);
}

/** All problems with a proposed password, in the order a form should show them (empty = acceptable). */
export function checkPasswordPolicy(
  password: string,
  person: { email?: string | undefined; name?: string | undefined } = {},
): PasswordProblem[] {
  const normalised = normalisePassword(password);
  const length = [...normalised].length;
  const problem = (code: PasswordProblemCode): PasswordProblem => ({ code });
  if (length < PASSWORD_MIN_LENGTH) return [problem('too_short')];
  if (length > PASSWORD_MAX_LENGTH) return [problem('too_long')];
  const problems: PasswordProblem[] = [];
  const lower = normalised.toLowerCase();
  const compact = lower.replace(/\s+/gu, '');
  if (isPredictable(compact)) problems.push(problem('predictable'));
  else if (isCommon(compact)) problems.push(problem('common'));
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const withoutSeparators = compact.replace(/[^\p{L}\p{N}@.]/gu, '');
  if (
    personalWords(person).some((word) => withoutSeparators.includes(word) || compact.includes(word)) ||
    nameParts(person.name).includes(core)
  ) {
    problems.push(problem('personal'));
  }
  return problems;
}
