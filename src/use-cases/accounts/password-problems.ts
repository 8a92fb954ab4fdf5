import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/password-policy.ts';
import { Refusal, type Problem } from '../../domain/index.ts';
import type { UseCaseContext } from '../context.ts';

/** The policy's findings as problems of the `password` field (texts in src/i18n). */
export function passwordPolicyProblems(codes: ReadonlyArray<{ code: string }>): Problem[] {
  return codes.map(({ code }) => ({
    field: 'password',
    code: `password_${code}` as Problem['code'],
    params: { minimum: PASSWORD_MIN_LENGTH, maximum: PASSWORD_MAX_LENGTH },
  }));
}

/** Refuses a password the policy does not accept for this person. */
export function assertAcceptablePassword(ctx: Pick<UseCaseContext, 'passwords'>, password: string, person: { email: string; name: string }): void {
  const problems = ctx.passwords.problems(password, person);
  if (problems.length > 0) throw new Refusal('weak_password', { problems });
}
