import type { Clock } from '../domain/clock.ts';
import type { Database } from '../store/database.ts';
import { createCaptureTransport } from './capture-transport.ts';
import type { MailConfig } from './mail-config.ts';
import type { MailTransport, OutgoingMail, SendResult } from './mail-transport.ts';
import { createSmtpTransport } from './smtp-transport.ts';
import type { DrillDeliveryRefusedError } from './mail-transport.ts';

/**
 * The composition root for mail: SMTP when SMTP_URL is set, the local mailbox otherwise. Drill
 * mail ALWAYS goes to the drill capture, and with HELDER_MODE=drill everything does; the SMTP
 * sender refuses drill mail on its own as well, so two mistakes are needed for a leak.
 */
export function createMailTransport(
  config: Pick<MailConfig, 'smtp' | 'dataDir' | 'drillMode'>,
  deps: { db: Database; clock: Clock; onDrillRefused?: (error: DrillDeliveryRefusedError) => void },
): MailTransport {
  const drillCapture = createCaptureTransport({ db: deps.db, dataDir: config.dataDir, reason: config.drillMode ? 'drill_mode' : 'drill', clock: deps.clock });
  const live: MailTransport = config.drillMode
    ? drillCapture
    : config.smtp
      ? createSmtpTransport({ ...config.smtp, ...(deps.onDrillRefused ? { onDrillRefused: deps.onDrillRefused } : {}) })
      : createCaptureTransport({ db: deps.db, dataDir: config.dataDir, reason: 'no_smtp', clock: deps.clock });
  return {
    name: config.drillMode ? 'drill-mode' : live.name,
    send(mail: OutgoingMail): Promise<SendResult> {
      return mail.drill ? drillCapture.send(mail) : live.send(mail);
    },
    verify: () => live.verify(),
    async close() {
      await live.close();
    },
  };
}
