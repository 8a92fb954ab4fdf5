import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DrillDeps } from '../../../src/admin/drills/drill-deps.ts';
import { createFakeClock, type FakeClock } from '../../../src/auth/clock.ts';
import { createArgon2idHasher } from '../../../src/auth/password-hasher.ts';
import type { Role } from '../../../src/auth/roles.ts';
import type { SignedInUser } from '../../../src/auth/signed-in-user.ts';
import { createHelderApp } from '../../../src/app/create-app.ts';
import type { HelderApp } from '../../../src/app/helder-app.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { ContactSchema } from '../../../src/domain/contact.ts';
import type { MessageActor } from '../../../src/domain/message-lifecycle.ts';
import { insertContact } from '../../../src/store/contacts-repository.ts';
import { insertUser } from '../../../src/store/user-repository.ts';
import { PROJECT_ROOT } from '../../support/build-site.ts';
import { startSmtpSink, type SmtpSink } from '../mail/helpers/smtp-sink.ts';

const PHC = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';

/** A colleague as both the drill use cases (SignedInUser) and the message use cases (MessageActor) see them. */
export interface Colleague {
  user: SignedInUser;
  actor: MessageActor;
}

export interface DrillTestbed {
  root: string;
  app: HelderApp;
  sink: SmtpSink;
  clock: FakeClock;
  drillDeps: DrillDeps;
  /** Fatima leads drills (admin + approver), Sanne composes, Pieter approves. */
  people: { fatima: Colleague; sanne: Colleague; pieter: Colleague };
  close(): Promise<void>;
}

/**
 * A whole Helder over real parts: a copy of the demo content, a real SQLite file, the real
 * templates, the real publisher (Astro builds into <data>/site), the real outbox and dispatcher,
 * and a real smtp-server on 127.0.0.1 configured as the LIVE SMTP server (SMTP_URL).
 */
export async function openDrillTestbed(options: { mode?: 'live' | 'drill'; start?: Date } = {}): Promise<DrillTestbed> {
  const root = mkdtempSync(join(tmpdir(), 'helder-drill-'));
  cpSync(join(PROJECT_ROOT, 'content'), join(root, 'content'), { recursive: true });
  const sink = await startSmtpSink();
  const config = loadConfig(
    {
      HELDER_ENV: 'demo',
      HELDER_MODE: options.mode ?? 'live',
      HELDER_DATA_DIR: join(root, 'data'),
      HELDER_CONTENT_DIR: join(root, 'content'),
      HELDER_SITE_URL: 'https://status.voorbeeldsoftware.nl',
      SMTP_URL: sink.url,
      MAIL_FROM: 'Storingsdienst Voorbeeld Software <storingen@voorbeeldsoftware.nl>',
    },
    root,
  );
  // Near the real now: the publisher builds with the real clock, and content must not lie far in its future.
  const clock = createFakeClock(options.start ?? new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const app = createHelderApp(config, {
    projectDir: PROJECT_ROOT,
    clock,
    hasher: createArgon2idHasher({ memory: 256, passes: 1, parallelism: 1, tagLength: 32 }),
    log: () => {},
  });
  const colleague = (email: string, name: string, roles: Role[]): Colleague => {
    const created = insertUser(app.db, { email, name, passwordHash: PHC, roles, at: clock.now() });
    return {
      user: { kind: 'user', userId: created.id, email, name, roles, sessionId: `sessie-${created.id}`, sessionStartedAt: clock.now() },
      actor: { userId: created.id, name, roles },
    };
  };
  const people = {
    fatima: colleague('fatima.elamrani@voorbeeldsoftware.nl', 'Fatima El Amrani', ['admin', 'approver']),
    sanne: colleague('sanne.devries@voorbeeldsoftware.nl', 'Sanne de Vries', ['composer']),
    pieter: colleague('pieter.jansen@voorbeeldsoftware.nl', 'Pieter Jansen', ['approver']),
  };
  for (const contact of [
    { municipality: 'GM0344', name: 'Servicedesk Burgerzaken Utrecht', email: 'servicedesk.burgerzaken@utrecht.example.nl', role: 'servicedesk', language: 'nl', products: 'all' },
    { municipality: 'GM0363', name: 'Applicatiebeheer Amsterdam', email: 'applicatiebeheer@amsterdam.example.nl', role: 'applicatiebeheerder', language: 'en', products: ['registra-brp'] },
    { municipality: 'GM0772', name: 'Burgerzaken Eindhoven', email: 'burgerzaken@eindhoven.example.nl', role: 'servicedesk', language: 'nl', products: 'all' },
    { municipality: 'GM0599', name: 'Functioneel beheer Rotterdam', email: 'functioneelbeheer@rotterdam.example.nl', role: 'functioneel beheerder', language: 'nl', products: 'all' },
  ] as const) {
    insertContact(app.db, ContactSchema.parse(contact), clock.now());
  }
  return {
    root,
    app,
    sink,
    clock,
    drillDeps: { db: app.db, clock, content: app.deps.content, scenariosDir: join(PROJECT_ROOT, 'drills'), dataDir: config.dataDir },
    people,
    async close() {
      await app.close();
      await sink.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
