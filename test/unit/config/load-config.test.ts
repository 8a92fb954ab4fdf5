import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvSchema, loadConfig, publicAddressWarning } from '../../../src/config/config.ts';

const CWD = '/srv/helder';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('starts a fresh clone as a local demo with documented defaults', () => {
    const config = loadConfig({}, CWD);
    expect(config).toMatchObject({
      env: 'demo',
      mode: 'live',
      dataDir: '/srv/helder/data',
      contentDir: '/srv/helder/content',
      databaseFile: '/srv/helder/data/helder.sqlite',
      port: 4321,
      host: '127.0.0.1',
      siteUrl: 'http://127.0.0.1:4321',
      adminUrl: 'http://127.0.0.1:4321',
      adminOrigin: 'http://127.0.0.1:4321',
      secureCookies: false,
      trustProxy: false,
      incrementalPublish: true,
      mail: { smtpUrl: null, poolSize: 5, ratePerSecond: 10, replyTo: null, dkim: null, deliveryExpiryMinutes: 360, unknownPolicy: 'hold', requireTls: false, tlsRejectUnauthorized: true },
    });
  });

  it('reads a production configuration behind a TLS proxy', () => {
    const config = loadConfig(
      {
        HELDER_ENV: 'production',
        HELDER_MODE: 'drill',
        HELDER_DATA_DIR: '/var/lib/helder',
        HELDER_PORT: '8080',
        HELDER_SITE_URL: 'https://status.leverancier.nl/',
        HELDER_ADMIN_URL: 'https://beheer.status.leverancier.nl/admin',
        HELDER_TRUST_PROXY: 'true',
        HELDER_INCREMENTAL_PUBLISH: 'false',
        SMTP_URL: 'smtps://storingen%40leverancier.nl:geheim@smtp.leverancier.nl:465',
        MAIL_FROM: 'Storingen Leverancier <storingen@leverancier.nl>',
        MAIL_REPLY_TO: 'servicedesk@leverancier.nl',
        DELIVERY_EXPIRY_MINUTES: '120',
        SMTP_RATE_PER_SECOND: '',
      },
      CWD,
    );
    expect(config).toMatchObject({
      env: 'production',
      mode: 'drill',
      databaseFile: '/var/lib/helder/helder.sqlite',
      port: 8080,
      siteUrl: 'https://status.leverancier.nl',
      adminUrl: 'https://beheer.status.leverancier.nl/admin',
      adminOrigin: 'https://beheer.status.leverancier.nl',
      secureCookies: true,
      trustProxy: true,
      incrementalPublish: false,
      mail: { from: 'Storingen Leverancier <storingen@leverancier.nl>', replyTo: 'servicedesk@leverancier.nl', ratePerSecond: 10, deliveryExpiryMinutes: 120 },
    });
  });

  it('names every bad or missing variable at once, and never echoes secrets', () => {
    expect(problemsOf({ SMTP_URL: 'http://gebruiker:geheim@smtp.leverancier.nl' })).not.toContain('geheim');
    expect(
      problemsOf({
        HELDER_ENV: 'prod',
        HELDER_PORT: '80a',
        HELDER_TRUST_PROXY: 'misschien',
        SMTP_URL: 'http://gebruiker:geheim@smtp.leverancier.nl',
        DKIM_DOMAIN: 'leverancier.nl',
        MAIL_REPLY_TO: 'servicedesk',
      }),
    ).toMatchInlineSnapshot(`
      "Configuration error: 8 problems with environment variables:
        HELDER_ENV: must be "production" or "demo"; got "prod"
        HELDER_PORT: must be a whole number (the TCP port to listen on), between 1 and 65535; got "80a"
        HELDER_TRUST_PROXY: must be "true" or "false"; got "misschien"
        SMTP_URL: must be an smtp:// or smtps:// URL, e.g. "smtps://USER:PASSWORD@smtp.leverancier.nl:465"; a value (not shown)
        MAIL_FROM: is required when SMTP_URL is set: the sender, e.g. "Storingen Leverancier <storingen@leverancier.nl>"; not set
        MAIL_REPLY_TO: must be an e-mail address, optionally with a name: "Storingen Leverancier <storingen@leverancier.nl>"; got "servicedesk"
        DKIM_SELECTOR: is required when any DKIM_* variable is set (set all three, or none); not set
        DKIM_PRIVATE_KEY_FILE: is required when any DKIM_* variable is set (set all three, or none); not set
      See .env.example for every variable with an example."
    `);
  });

  it('reads the delivery policy for a connection lost after the data was sent, and refuses other words', () => {
    expect(loadConfig({ DELIVERY_UNKNOWN_POLICY: 'retry_once', SMTP_REQUIRE_TLS: 'true' }, CWD).mail).toMatchObject({ unknownPolicy: 'retry_once', requireTls: true });
    expect(problemsOf({ DELIVERY_UNKNOWN_POLICY: 'retry', SMTP_TLS_REJECT_UNAUTHORIZED: 'nee' })).toContain('DELIVERY_UNKNOWN_POLICY: must be "hold" or "retry_once"');
    expect(problemsOf({ SMTP_TLS_REJECT_UNAUTHORIZED: 'nee' })).toContain('SMTP_TLS_REJECT_UNAUTHORIZED: must be "true" or "false"');
  });

  it('demands https URLs in production', () => {
    expect(problemsOf({ HELDER_ENV: 'production', HELDER_ADMIN_URL: 'http://beheer.leverancier.nl' })).toMatchInlineSnapshot(`
      "Configuration error: 2 problems with environment variables:
        HELDER_SITE_URL: is required when HELDER_ENV=production (the public https URL); not set
        HELDER_ADMIN_URL: must be an https:// URL when HELDER_ENV=production; got "http://beheer.leverancier.nl"
      See .env.example for every variable with an example."
    `);
  });

  it('refuses a port out of range and a mail header injection', () => {
    expect(problemsOf({ HELDER_PORT: '70000', MAIL_FROM: 'Storingen <a@b.nl>\r\nBcc: x@y.nl' })).toMatch(/HELDER_PORT: must be at most 65535[\s\S]*MAIL_FROM: must be an e-mail address/);
  });

  it('reads the DKIM key at start-up and says when the file is missing or not a key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'helder-config-'));
    const keyFile = join(dir, 'dkim.pem');
    writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
    const env = { DKIM_DOMAIN: 'leverancier.nl', DKIM_SELECTOR: 'helder2026', DKIM_PRIVATE_KEY_FILE: keyFile };
    expect(loadConfig(env, CWD).mail.dkim).toEqual({ domainName: 'leverancier.nl', keySelector: 'helder2026', privateKey: expect.stringContaining('BEGIN PRIVATE KEY') });
    expect(problemsOf({ ...env, DKIM_PRIVATE_KEY_FILE: join(dir, 'ontbreekt.pem') })).toMatch(/DKIM_PRIVATE_KEY_FILE: file .*ontbreekt\.pem does not exist/);
    writeFileSync(keyFile, 'geen sleutel');
    expect(problemsOf(env)).toMatch(/DKIM_PRIVATE_KEY_FILE: file .* is not a PEM private key/);
  });

  it('documents every variable in .env.example, and the example itself is a valid configuration', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    for (const variable of Object.keys(EnvSchema.shape)) expect(example, variable).toMatch(new RegExp(`^#? ?${variable}=`, 'm'));
    const env = Object.fromEntries([...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2]]));
    expect(loadConfig(env, CWD)).toMatchObject({ siteUrl: 'https://status.leverancier.nl', secureCookies: true });
  });
});

describe('a start that sends real mail with a public address its recipients cannot open', () => {
  const base = { HELDER_ENV: 'demo', HELDER_PORT: '4321', HELDER_HOST: '127.0.0.1' };

  it('warns loudly for a demo on its own loopback address with SMTP_URL, naming the address and the fix', () => {
    const warning = publicAddressWarning(loadConfig({ ...base, SMTP_URL: 'smtp://mail.voorbeeldsoftware.nl:587', MAIL_FROM: 'Storingen <storingen@voorbeeldsoftware.nl>' }));
    expect(warning).toContain('http://127.0.0.1:4321');
    expect(warning).toContain('only reachable on this machine');
    expect(warning).toContain('HELDER_SITE_URL');
  });

  it('warns for a public address that is not https', () => {
    const config = loadConfig({ ...base, HELDER_SITE_URL: 'http://status.voorbeeldsoftware.nl', SMTP_URL: 'smtp://mail.voorbeeldsoftware.nl:587', MAIL_FROM: 'Storingen <storingen@voorbeeldsoftware.nl>' });
    expect(publicAddressWarning(config)).toContain('not https');
  });

  it('is quiet without SMTP_URL (mail stays in the local mailbox) or with an https address', () => {
    expect(publicAddressWarning(loadConfig(base))).toBeNull();
    expect(publicAddressWarning(loadConfig({ ...base, HELDER_SITE_URL: 'https://status.voorbeeldsoftware.nl', SMTP_URL: 'smtp://mail.voorbeeldsoftware.nl:587', MAIL_FROM: 'Storingen <storingen@voorbeeldsoftware.nl>' }))).toBeNull();
  });
});
