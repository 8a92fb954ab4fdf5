/** A use case refused: `code` for handlers and tests, `field` to link the message to a form input. */
export type AdminErrorCode =
  | 'invalid_input'
  | 'email_taken'
  | 'user_not_found'
  | 'last_admin'
  | 'own_account'
  | 'weak_password';

export interface FieldProblem {
  field: string;
  message: string;
}

export class AdminError extends Error {
  readonly code: AdminErrorCode;
  readonly problems: FieldProblem[];

  constructor(code: AdminErrorCode, problems: FieldProblem[]) {
    super(problems.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message)).join('\n'));
    this.name = 'AdminError';
    this.code = code;
    this.problems = problems;
  }
}
