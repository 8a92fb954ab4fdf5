import { describe, expect, it } from 'vitest';
import { classifySmtpFailure, decideAfterAttempt, nextAttemptAt, retryDelayMinutes } from '../../../src/mail/retry-policy.ts';

const T0 = new Date('2026-11-27T08:00:00Z');
const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);

describe('retry schedule', () => {
  it('waits 1, 5, 15, 30, 60 minutes, then hourly', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map(retryDelayMinutes)).toEqual([1, 5, 15, 30, 60, 60, 60, 60]);
    expect(() => retryDelayMinutes(0)).toThrow('failedAttempts must be a positive integer, got 0');
  });

  it('gives up (null) when the next attempt would be at or past the expiry', () => {
    expect(nextAttemptAt(6, minutes(291), minutes(360))).toEqual(minutes(351));
    expect(nextAttemptAt(10, minutes(351), minutes(360))).toBeNull();
    expect(nextAttemptAt(1, minutes(359), minutes(360))).toBeNull();
  });
});

describe('classifySmtpFailure', () => {
  it.each([
    [{ responseCode: 421 }, false, 'temporary'],
    [{ responseCode: 450, code: 'EENVELOPE' }, false, 'temporary'],
    [{ responseCode: 452, code: 'EENVELOPE' }, false, 'temporary'],
    [{ responseCode: 451, code: 'EMESSAGE' }, true, 'temporary'],
    [{ responseCode: 550, code: 'EENVELOPE' }, false, 'permanent'],
    [{ responseCode: 552, code: 'EMESSAGE' }, true, 'permanent'],
    [{ responseCode: 554, code: 'EMESSAGE' }, true, 'permanent'],
    [{ responseCode: 503, code: 'EPROTOCOL' }, false, 'temporary'],
    [{ code: 'ECONNECTION' }, false, 'temporary'],
    [{ code: 'ETIMEDOUT' }, false, 'temporary'],
    [{ code: 'ECONNECTION' }, true, 'unknown'],
    [{ code: 'ETIMEDOUT' }, true, 'unknown'],
    [{ code: 'ESOCKET' }, true, 'unknown'],
    [{ code: 'EAUTH', responseCode: 535 }, false, 'temporary'],
    [{ code: 'ETLS' }, false, 'temporary'],
  ] as const)('%j with data complete=%s → %s', (facts, complete, expected) => {
    expect(classifySmtpFailure(facts, complete)).toBe(expected);
  });
});

describe('decideAfterAttempt', () => {
  const delivery = { attempt: 2, unknownRetried: false, expiresAt: minutes(360) };

  it('retries a temporary failure at the next step, expires it when that is too late', () => {
    expect(decideAfterAttempt('temporary', delivery, minutes(1), 'hold')).toEqual({ status: 'retrying', nextAttemptAt: minutes(6), unknownRetried: false });
    expect(decideAfterAttempt('temporary', { ...delivery, attempt: 10 }, minutes(351), 'hold')).toEqual({ status: 'expired', nextAttemptAt: null, unknownRetried: false });
  });

  it('holds an unknown delivery, or retries it once under "retry_once"', () => {
    expect(decideAfterAttempt('unknown', delivery, minutes(1), 'hold').status).toBe('unknown');
    expect(decideAfterAttempt('unknown', delivery, minutes(1), 'retry_once')).toEqual({ status: 'retrying', nextAttemptAt: minutes(2), unknownRetried: true });
    expect(decideAfterAttempt('unknown', { ...delivery, unknownRetried: true }, minutes(3), 'retry_once').status).toBe('unknown');
  });

  it('fails permanent and refused attempts, and marks success as sent', () => {
    expect(decideAfterAttempt('permanent', delivery, T0, 'hold').status).toBe('failed');
    expect(decideAfterAttempt('refused', delivery, T0, 'retry_once').status).toBe('failed');
    expect(decideAfterAttempt('sent', delivery, T0, 'hold')).toEqual({ status: 'sent', nextAttemptAt: null, unknownRetried: false });
  });
});
