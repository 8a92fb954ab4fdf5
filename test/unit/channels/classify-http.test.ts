import { describe, expect, it } from 'vitest';
import { classifyHttpFailure, classifyHttpResponse, parseRetryAfter } from '../../../src/channels/classify-http.ts';
import { destinationsFor, maskChannelUrl } from '../../../src/domain/channel.ts';

const NOW = new Date('2026-11-27T08:50:00Z');

describe('classifying a channel answer', () => {
  it('2xx sent; 429/503 wait for Retry-After; 408 and 5xx retry; other 4xx and redirects fail', () => {
    expect(classifyHttpResponse(202, null, '', NOW)).toEqual({ outcome: 'sent', reply: 'HTTP 202' });
    expect(classifyHttpResponse(429, '30', 'slow down', NOW)).toEqual({ outcome: 'temporary', reply: 'HTTP 429 slow down', errorCode: 'HTTP_429', retryAfterMs: 30_000 });
    expect(classifyHttpResponse(503, null, '', NOW)).toEqual({ outcome: 'temporary', reply: 'HTTP 503', errorCode: 'HTTP_503' });
    expect(classifyHttpResponse(502, null, '', NOW).outcome).toBe('temporary');
    expect(classifyHttpResponse(408, null, '', NOW).outcome).toBe('temporary');
    expect(classifyHttpResponse(400, null, 'invalid_payload', NOW)).toEqual({ outcome: 'permanent', reply: 'HTTP 400 invalid_payload', errorCode: 'HTTP_400' });
    expect(classifyHttpResponse(302, null, '', NOW).outcome).toBe('permanent');
  });

  it('reads Retry-After as seconds or an HTTP date, at most a day', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 08:52:00 GMT', NOW)).toBe(120_000);
    expect(parseRetryAfter('999999', NOW)).toBe(86_400_000);
    expect(parseRetryAfter('binnenkort', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('a timeout or refused connection retries, an untrusted certificate fails; the URL never appears in the reply', () => {
    const url = 'https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=geheim';
    expect(classifyHttpFailure(Object.assign(new Error('aborted'), { name: 'TimeoutError' }), url)).toMatchObject({ outcome: 'temporary', errorCode: 'ETIMEDOUT' });
    const refused = classifyHttpFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: `connect ECONNREFUSED ${url}` } }), url);
    expect(refused).toMatchObject({ outcome: 'temporary', errorCode: 'ECONNREFUSED' });
    expect(refused.reply).not.toContain('sig=geheim');
    expect(classifyHttpFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' } }), url)).toMatchObject({
      outcome: 'permanent',
      errorCode: 'CERT_HAS_EXPIRED',
    });
  });
});

describe('destinations', () => {
  const destination = (municipality: string | null, removedAt: Date | null = null) => ({ municipality, removedAt });
  it('a message reaches the destinations of its municipalities and the vendor-wide ones, never removed ones', () => {
    const all = [destination('GM0344'), destination('GM0363'), destination(null), destination('GM0344', NOW)];
    expect(destinationsFor(all, ['GM0344'])).toEqual([all[0], all[2]]);
  });

  it('masks the secret part of a URL', () => {
    expect(maskChannelUrl('https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx')).toBe('https://hooks.slack.com/…uvwx');
    expect(maskChannelUrl('https://example.nl/h')).toBe('https://example.nl/…');
  });
});
