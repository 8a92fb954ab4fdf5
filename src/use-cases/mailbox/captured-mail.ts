import { listCapturedMail as listMail, readCapturedMail, readCapturedMailFile, type CapturedMail, type CapturedMailSummary } from '../../mail/captured-mail.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export type { CapturedMail, CapturedMailSummary };

/** The local mailbox (and drill captures), newest first. */
export function listCapturedMail(ctx: UseCaseContext, caller: Caller, filter: Parameters<typeof listMail>[1] = {}): CapturedMailSummary[] {
  authorise(caller, 'delivery.view');
  return listMail(ctx.db, filter);
}

export function getCapturedMail(ctx: UseCaseContext, caller: Caller, id: number): CapturedMail | null {
  authorise(caller, 'delivery.view');
  return Number.isSafeInteger(id) ? readCapturedMail(ctx.db, id) : null;
}

/** The exact .eml bytes of a captured mail. */
export function getCapturedMailFile(ctx: UseCaseContext, caller: Caller, id: number): { mail: CapturedMail; bytes: Buffer } | null {
  const mail = getCapturedMail(ctx, caller, id);
  const bytes = mail ? readCapturedMailFile(ctx.db, ctx.mail.captureDir, id) : null;
  return mail && bytes ? { mail, bytes } : null;
}
