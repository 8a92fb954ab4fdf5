import type { HelderApp } from '../app/helder-app.ts';
import { auditActorOf, type SignedInUser } from '../auth/signed-in-user.ts';
import { cancelSend } from '../mail/cancel-send.ts';
import { pauseSend } from '../mail/pause-send.ts';
import { resendDeliveries } from '../mail/resend-deliveries.ts';
import { resumeSend } from '../mail/resume-send.ts';

export type DeliveryAction = 'pause' | 'resume' | 'cancel' | 'resend';

/**
 * Customer care's hands on a running send: pause, resume, stop, or queue failed and unknown
 * recipients again, through the mail module's use cases (each change and its audit entry commit
 * together). The caller has checked `delivery.view` plus the role for the action.
 */
export function changeDelivery(app: HelderApp, user: SignedInUser, messageId: string, action: DeliveryAction): number {
  const deps = { db: app.db, clock: app.clock };
  const input = { messageId, actor: auditActorOf(user) };
  switch (action) {
    case 'pause':
      return pauseSend(deps, input).waiting;
    case 'cancel':
      return cancelSend(deps, input).cancelled;
    case 'resume': {
      const { waiting } = resumeSend(deps, input);
      app.wakeDispatcher();
      return waiting;
    }
    case 'resend': {
      const { requeued } = resendDeliveries({ ...deps, expiryMinutes: app.config.mail.deliveryExpiryMinutes }, input);
      app.wakeDispatcher();
      return requeued;
    }
  }
}
