import { describe, expect, it } from 'vitest';
import { clearSessionCookieHeader, readSessionToken, sessionCookieHeader, sessionCookieName } from '../../../src/auth/session-cookie.ts';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS, sessionExpiry } from '../../../src/auth/session-policy.ts';
import { hashSessionToken, newSessionToken } from '../../../src/auth/session-token.ts';
import { addressKey } from '../../../src/use-cases/accounts/sign-in-throttle.ts';
import { clientAddressOf } from '../../../src/auth/client-address.ts';

describe('session tokens', () => {
  it('are 256 random bits in 43 base64url characters; only a 64-hex SHA-256 is stored', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(token);
    expect(hashSessionToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken(token)).not.toContain(token);
  });
});

describe('session expiry', () => {
  const start = new Date('2026-10-05T07:30:00Z');
  const at = (ms: number) => new Date(start.getTime() + ms);

  it('expires after 30 idle minutes', () => {
    expect(SESSION_IDLE_TIMEOUT_MS).toBe(30 * 60_000);
    expect(sessionExpiry({ createdAt: start, lastSeenAt: start }, at(SESSION_IDLE_TIMEOUT_MS - 1))).toBeNull();
    expect(sessionExpiry({ createdAt: start, lastSeenAt: start }, at(SESSION_IDLE_TIMEOUT_MS))).toBe('idle');
  });

  it('expires 12 hours after sign-in however active', () => {
    expect(SESSION_ABSOLUTE_TIMEOUT_MS).toBe(12 * 3_600_000);
    const justNow = at(SESSION_ABSOLUTE_TIMEOUT_MS - 1000);
    expect(sessionExpiry({ createdAt: start, lastSeenAt: justNow }, at(SESSION_ABSOLUTE_TIMEOUT_MS - 1))).toBeNull();
    expect(sessionExpiry({ createdAt: start, lastSeenAt: justNow }, at(SESSION_ABSOLUTE_TIMEOUT_MS))).toBe('absolute');
  });
});

describe('session cookie', () => {
  const token = 'q0kHq7R4Tz0xYwV5b8n1m2L3k4J5h6G7f8D9s0A1z2X';

  it('is __Host- prefixed and Secure under https', () => {
    const settings = { adminUrl: 'https://beheer.status.leverancier.nl' };
    expect(sessionCookieHeader(token, settings)).toBe(`__Host-helder_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure`);
    expect(clearSessionCookieHeader(settings)).toBe('__Host-helder_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure');
  });

  it('has no prefix and no Secure on plain-http local demo', () => {
    const settings = { adminUrl: 'http://127.0.0.1:4321' };
    expect(sessionCookieName(settings)).toBe('helder_session');
    expect(sessionCookieHeader(token, settings)).toBe(`helder_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200`);
  });

  it('reads only our cookie and only a well-formed token', () => {
    const settings = { adminUrl: 'https://beheer.status.leverancier.nl' };
    expect(readSessionToken(`taal=nl; __Host-helder_session=${token}; x=y`, settings)).toBe(token);
    expect(readSessionToken(`helder_session=${token}`, settings)).toBeNull(); // unprefixed one could be planted by a subdomain
    expect(readSessionToken('__Host-helder_session=../../etc', settings)).toBeNull();
    expect(readSessionToken(undefined, settings)).toBeNull();
  });
});

describe('client address for throttling', () => {
  it('counts an IPv6 client by its /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:12:34:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:12:34::/64');
    expect(addressKey('2001:db8:12:34::1')).toBe('2001:db8:12:34::/64');
    expect(addressKey('2001:0db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });

  it('uses X-Forwarded-For only behind a trusted proxy, and then its right-most entry', () => {
    const connection = { remoteAddress: '127.0.0.1', forwardedFor: '198.51.100.9, 203.0.113.4' };
    expect(clientAddressOf(connection, false)).toBe('127.0.0.1');
    expect(clientAddressOf(connection, true)).toBe('203.0.113.4');
    expect(clientAddressOf({ remoteAddress: '127.0.0.1', forwardedFor: null }, true)).toBe('127.0.0.1');
  });
});
