import { describe, expect, it } from 'vitest';
import { readMailConfig } from '../../../src/mail/mail-config.ts';

describe('readMailConfig', () => {
  it('defaults to the local mailbox when SMTP_URL is not set', () => {
    const config = readMailConfig({});
    expect(config).toMatchObject({ smtp: null, concurrency: 5, expiryMinutes: 360, unknownPolicy: 'hold', drillMode: false, dataDir: 'data' });
  });

  it('reads an SMTP set-up', () => {
    const config = readMailConfig({
      SMTP_URL: 'smtp://helder:geheim@smtp.leverancier.nl:587',
      SMTP_POOL_SIZE: '8',
      SMTP_REQUIRE_TLS: 'true',
      MAIL_FROM: 'Storingsdienst Leverancier <storingen@leverancier.nl>',
      HELDER_SERVER_URL: 'https://status.leverancier.nl/',
      HELDER_MODE: 'drill',
    });
    expect(config.smtp).toMatchObject({ url: 'smtp://helder:geheim@smtp.leverancier.nl:587', poolSize: 8, requireTls: true });
    expect(config.from).toEqual({ name: 'Storingsdienst Leverancier', address: 'storingen@leverancier.nl' });
    expect(config.serverUrl).toBe('https://status.leverancier.nl');
    expect(config.drillMode).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() =>
      readMailConfig({
        SMTP_URL: 'http://smtp.leverancier.nl',
        SMTP_POOL_SIZE: 'veel',
        MAIL_FROM: 'storingen@leverancier.nl, extra@leverancier.nl',
        DKIM_DOMAIN: 'leverancier.nl',
        DELIVERY_UNKNOWN_POLICY: 'always',
      }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [MailConfigError: The e-mail settings are invalid:
        - SMTP_URL: must start with smtp:// or smtps://
        - SMTP_POOL_SIZE: must be a whole number from 1 to 50, got "veel"
        - MAIL_FROM: must be "Name <address>" or an address, e.g. "Storingsdienst Leverancier <storingen@leverancier.nl>"; got "storingen@leverancier.nl, extra@leverancier.nl"
        - DELIVERY_UNKNOWN_POLICY: must be "hold" or "retry_once"]
    `);
  });

  it('wants all three DKIM settings and a sender with SMTP', () => {
    expect(() => readMailConfig({ DKIM_DOMAIN: 'leverancier.nl' })).toThrow('DKIM_DOMAIN: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together, or none of them');
    expect(() => readMailConfig({ SMTP_URL: 'smtp://localhost:25' })).toThrow('MAIL_FROM: is required when SMTP_URL is set');
  });
});
