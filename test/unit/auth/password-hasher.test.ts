import { describe, expect, it } from 'vitest';
import { createArgon2idHasher, decodeArgon2idHash, OWASP_ARGON2ID } from '../../../src/auth/password-hasher.ts';

describe('argon2id password hasher', () => {
  const hasher = createArgon2idHasher();

  it('stores a PHC string with the OWASP parameters and a random salt', async () => {
    const first = await hasher.hash('fietsen langs de amstel');
    const second = await hasher.hash('fietsen langs de amstel');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(first).not.toBe(second);
    expect(decodeArgon2idHash(first)?.parameters).toEqual(OWASP_ARGON2ID);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await hasher.hash('fietsen langs de amstel');
    await expect(hasher.verify('fietsen langs de amstel', encoded)).resolves.toBe(true);
    await expect(hasher.verify('fietsen langs de Amstel', encoded)).resolves.toBe(false);
  });

  it('treats the same text in composed and decomposed Unicode as the same password', async () => {
    const encoded = await hasher.hash('café op het plein');
    await expect(hasher.verify('cafe\u0301 op het plein', encoded)).resolves.toBe(true);
  });

  it('answers false, never throws, for a malformed stored hash', async () => {
    await expect(hasher.verify('x', 'not-a-hash')).resolves.toBe(false);
    await expect(hasher.verify('x', '$argon2id$v=19$m=19456,t=2,p=1$$')).resolves.toBe(false);
  });

  it('never matches the dummy hash used for unknown users, and the dummy has the current parameters', async () => {
    expect(decodeArgon2idHash(hasher.dummyHash)?.parameters).toEqual(OWASP_ARGON2ID);
    await expect(hasher.verify('', hasher.dummyHash)).resolves.toBe(false);
  });

  it('asks for a rehash when stored parameters are weaker than the current ones', async () => {
    const weak = createArgon2idHasher({ memory: 1024, passes: 1, parallelism: 1, tagLength: 32 });
    const oldHash = await weak.hash('fietsen langs de amstel');
    expect(hasher.needsRehash(oldHash)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('fietsen langs de amstel'))).toBe(false);
    await expect(hasher.verify('fietsen langs de amstel', oldHash)).resolves.toBe(true);
  });
});
