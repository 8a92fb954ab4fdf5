import type { Language, LocalizedText } from '../domain/index.ts';
import { MESSAGE_ERROR_TEXT } from '../domain/message-lifecycle.ts';
import type { AdminMessages } from '../i18n/admin-messages.ts';
import { fromAmsterdamInput } from './amsterdam-input.ts';

/** One problem to show: `field` is the form field's name (its input has id fieldId(field)). */
export interface FieldError {
  field: string;
  message: string;
}

/** The id of a field's input; the error summary links to it. */
export function fieldId(name: string): string {
  return `veld-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/** Errors keyed by field, for the fields themselves (the summary lists them all). */
export function errorsByField(errors: readonly FieldError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors) byField[error.field] = byField[error.field] ? `${byField[error.field]} ${error.message}` : error.message;
  return byField;
}

/** Reads a posted form: trimmed text, localized pairs, Amsterdam date-times, with errors collected. */
export class FormReader {
  readonly form: FormData;
  readonly errors: FieldError[] = [];
  private readonly t: AdminMessages;

  constructor(form: FormData, t: AdminMessages) {
    this.form = form;
    this.t = t;
  }

  text(name: string): string {
    const value = this.form.get(name);
    return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
  }

  all(name: string): string[] {
    return this.form.getAll(name).filter((value): value is string => typeof value === 'string' && value.trim() !== '').map((value) => value.trim());
  }

  required(name: string): string {
    const value = this.text(name);
    if (value === '') this.errors.push({ field: name, message: this.t.errors.required });
    return value;
  }

  /** `<name>_nl` (required unless optional) and `<name>_en` as the domain's LocalizedText. */
  localized(name: string, options: { optional?: boolean } = {}): LocalizedText | undefined {
    const nl = options.optional ? this.text(`${name}_nl`) : this.required(`${name}_nl`);
    const en = this.text(`${name}_en`);
    if (nl === '') {
      if (en !== '') this.errors.push({ field: `${name}_nl`, message: this.t.errors.required });
      return undefined;
    }
    return en ? { nl, en } : nl;
  }

  /** A datetime-local field on the Amsterdam clock, as an ISO instant; undefined when empty. */
  instant(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.text(name);
    if (value === '') {
      if (options.required) this.errors.push({ field: name, message: this.t.errors.required });
      return undefined;
    }
    const instant = fromAmsterdamInput(value);
    if (!instant) {
      this.errors.push({ field: name, message: this.t.errors.invalidDateTime });
      return undefined;
    }
    return instant.toISOString();
  }
}

interface ProblemCarrier {
  name?: unknown;
  code?: unknown;
  problems?: unknown;
  issues?: unknown;
}

/**
 * A refused use case as field errors. Errors cross from the server's modules into this bundle,
 * so they are recognised by `name` and `code`, never with instanceof. `fieldMap` renames a use
 * case's field (e.g. "body") to the form's ("body_nl"). Returns null for errors that are not
 * refusals (bugs): those propagate to the 500 handler.
 */
export function refusalErrors(error: unknown, lang: Language, fieldMap: Record<string, string> = {}): FieldError[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const carrier = error as ProblemCarrier;
  const name = String(carrier.name ?? '');
  const rename = (field: string) => {
    const top = field.split('.')[0] ?? field;
    return fieldMap[field] ?? fieldMap[top] ?? (field === '' ? '' : top);
  };
  if ((name === 'ContentChangeError' || name === 'AdminError') && Array.isArray(carrier.problems)) {
    return (carrier.problems as Array<{ field: string; message: string }>).map((problem) => ({ field: rename(problem.field), message: problem.message }));
  }
  if (name === 'MessageInputError' && Array.isArray(carrier.issues)) {
    return (carrier.issues as Array<{ field: string; message: string }>).map((issue) => ({ field: rename(issue.field), message: issue.message }));
  }
  if (name === 'TemplateError' && Array.isArray(carrier.problems)) {
    return (carrier.problems as Array<{ variable: string | null; message: string; fix: string }>).map((problem) => ({
      field: problem.variable ? rename(`var_${problem.variable}`) : '',
      message: problem.fix ? `${problem.message} (${problem.fix})` : problem.message,
    }));
  }
  if (typeof carrier.code === 'string' && MESSAGE_ERROR_TEXT[carrier.code]) {
    return [{ field: '', message: MESSAGE_ERROR_TEXT[carrier.code]![lang] }];
  }
  if (name === 'OutboxError' || name === 'AuthorisationError' || name === 'UnknownMessageSubjectError') {
    return [{ field: '', message: (error as Error).message }];
  }
  return null;
}

/** True for the authorisation refusal thrown by use cases (403 rather than a form error). */
export function isForbidden(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as ProblemCarrier).name === 'AuthorisationError' || (error as ProblemCarrier).code === 'role_required');
}
