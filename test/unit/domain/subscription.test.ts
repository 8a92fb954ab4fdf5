import { describe, expect, it } from 'vitest';
import { selectSubscribers, subscriberIdOf, subscriberRecipientId, SubscriptionFormSchema, type Subscriber } from '../../../src/domain/subscription.ts';
import { municipalities } from '../../support/builders.ts';

const subscriber = (id: number, email: string, choices: Partial<Subscriber> = {}): Subscriber => ({
  id,
  email,
  language: 'nl',
  municipalities: 'all',
  products: 'all',
  confirmedAt: new Date('2026-11-20T09:00:00Z'),
  ...choices,
});

describe('the subscribe form', () => {
  it('takes no, one or repeated municipalities and products; none means all', () => {
    expect(SubscriptionFormSchema.parse({ email: ' balie@utrecht.example.nl ' })).toEqual({ email: 'balie@utrecht.example.nl', gemeente: 'all', product: 'all', taal: 'nl' });
    expect(SubscriptionFormSchema.parse({ email: 'balie@utrecht.example.nl', gemeente: 'GM0344', product: ['registra-brp', 'loket-afspraken', 'registra-brp'], taal: 'en' })).toEqual({
      email: 'balie@utrecht.example.nl',
      gemeente: ['GM0344'],
      product: ['loket-afspraken', 'registra-brp'],
      taal: 'en',
    });
  });

  it('refuses a list of addresses, a wrong CBS code and unknown fields', () => {
    expect(SubscriptionFormSchema.safeParse({ email: 'a@utrecht.example.nl, b@zwolle.example.nl' }).success).toBe(false);
    expect(SubscriptionFormSchema.safeParse({ email: 'a@utrecht.example.nl', gemeente: '0344' }).success).toBe(false);
    expect(SubscriptionFormSchema.safeParse({ email: 'a@utrecht.example.nl', naam: 'Anouk' }).success).toBe(false);
  });
});

describe('which subscribers receive a message', () => {
  const brpEverywhere = { components: ['registra-brp'], scope: 'all' as const };
  it('selects by affected municipality and product, sorted by address', () => {
    const chosen = selectSubscribers(brpEverywhere, municipalities, [
      subscriber(1, 'zwolle@zwolle.example.nl', { municipalities: ['GM0193'] }),
      subscriber(2, 'almere@almere.example.nl', { municipalities: ['GM0034'] }), // Almere does not use Registra BRP
      subscriber(3, 'alles@utrecht.example.nl'),
      subscriber(4, 'belastingen@utrecht.example.nl', { products: ['loket-formulieren'] }),
    ]);
    expect(chosen.map((entry) => entry.id)).toEqual([3, 1]);
  });

  it('follows an explicit scope', () => {
    const local = { components: ['loket-afspraken'], scope: { municipalities: ['GM0344'] } };
    const chosen = selectSubscribers(local, municipalities, [subscriber(1, 'zwolle@zwolle.example.nl', { municipalities: ['GM0193'] }), subscriber(2, 'utrecht@utrecht.example.nl', { municipalities: ['GM0344'] })]);
    expect(chosen.map((entry) => entry.id)).toEqual([2]);
  });

  it('marks subscribers in the audience as s<id>, never mistaken for a contact id', () => {
    expect(subscriberRecipientId(7)).toBe('s7');
    expect(subscriberIdOf('s7')).toBe(7);
    expect(subscriberIdOf('7')).toBeNull();
  });
});
