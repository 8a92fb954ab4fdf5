import { createSecretKey, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manageSubscriptionUrl, signUnsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from '../../../src/mail/unsubscribe-token.ts';

const secret = createSecretKey(randomBytes(32));

describe('unsubscribe tokens', () => {
  it('round-trips contacts and test deliveries', () => {
    const token = signUnsubscribeToken(secret, { kind: 'contact', contactId: 4711 });
    expect(token).toMatch(/^c4711\.[A-Za-z0-9_-]{22}$/);
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ kind: 'contact', contactId: 4711 });
    expect(verifyUnsubscribeToken(secret, signUnsubscribeToken(secret, { kind: 'test', deliveryId: 9 }))).toEqual({ kind: 'test', deliveryId: 9 });
    expect(verifyUnsubscribeToken(secret, signUnsubscribeToken(secret, { kind: 'drill', deliveryId: 9 }))).toEqual({ kind: 'drill', deliveryId: 9 });
    // A drill token is no test token and no contact token for the same number.
    expect(signUnsubscribeToken(secret, { kind: 'drill', deliveryId: 9 })).not.toBe(signUnsubscribeToken(secret, { kind: 'test', deliveryId: 9 }));
  });

  it('refuses a changed id, another secret, and malformed input', () => {
    const token = signUnsubscribeToken(secret, { kind: 'contact', contactId: 4711 });
    expect(verifyUnsubscribeToken(secret, token.replace('c4711', 'c4712'))).toBeNull();
    expect(verifyUnsubscribeToken(secret, token.replace('c4711', 't4711'))).toBeNull();
    expect(verifyUnsubscribeToken(createSecretKey(randomBytes(32)), token)).toBeNull();
    for (const bad of ['', 'c4711', 'c0.AAAAAAAAAAAAAAAAAAAAAA', `${token}x`, 'c1.<script>alert(1)</script>']) {
      expect(verifyUnsubscribeToken(secret, bad)).toBeNull();
    }
  });

  it('round-trips self-service subscribers, and a contact token never passes for a subscriber', () => {
    const token = signUnsubscribeToken(secret, { kind: 'subscriber', subscriberId: 12 });
    expect(token).toMatch(/^s12\.[A-Za-z0-9_-]{22}$/);
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ kind: 'subscriber', subscriberId: 12 });
    expect(verifyUnsubscribeToken(secret, signUnsubscribeToken(secret, { kind: 'contact', contactId: 12 }).replace('c12', 's12'))).toBeNull();
    expect(manageSubscriptionUrl('https://beheer.leverancier.nl/', token)).toBe(`https://beheer.leverancier.nl/abonneren/beheren/${token}`);
  });

  it('builds the personal link under /afmelden/', () => {
    expect(unsubscribeUrl('https://status.leverancier.nl/', 'c1.abc')).toBe('https://status.leverancier.nl/afmelden/c1.abc');
  });
});
