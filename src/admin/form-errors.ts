import { Refusal, type Language, type LocalizedText, type Problem } from '../domain/index.ts';
import type { AdminMessages } from '../i18n/admin-messages.ts';
import { problemText, refusalText } from '../i18n/refusals.ts';
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
  private readonly lang: Language;

  constructor(form: FormData, t: AdminMessages) {
    this.form = form;
    this.lang = t.htmlLang as Language;
  }

  /** Records a problem of one field, in the catalogue's words. */
  problem(field: string, code: Problem['code'], params?: Problem['params']): void {
    this.errors.push({ field, message: problemText({ code, ...(params ? { params } : {}) }, this.lang) });
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
    if (value === '') this.problem(name, 'required');
    return value;
  }

  /** `<name>_nl` (required unless optional) and `<name>_en` as the domain's LocalizedText. */
  localized(name: string, options: { optional?: boolean } = {}): LocalizedText | undefined {
    const nl = options.optional ? this.text(`${name}_nl`) : this.required(`${name}_nl`);
    const en = this.text(`${name}_en`);
    if (nl === '') {
      if (en !== '') this.problem(`${name}_nl`, 'required');
      return undefined;
    }
    return en ? { nl, en } : nl;
  }

  /** A datetime-local field on the Amsterdam clock, as an ISO instant; undefined when empty. */
  instant(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.text(name);
    if (value === '') {
      if (options.required) this.problem(name, 'required');
      return undefined;
    }
    const instant = fromAmsterdamInput(value);
    if (!instant) {
      this.problem(name, 'invalid_date_time');
      return undefined;
    }
    return instant.toISOString();
  }
}

/**
 * A use case's refusal as field errors in the reader's language. Refusals are recognised by their
 * brand (Refusal.is), never by class or name: they may come from the server's copy of a module.
 * `fieldMap` renames a use case's field (e.g. "body") to the form's ("body_nl"); a problem of a
 * field the form does not have goes to the summary. Returns null for anything that is not a
 * refusal (a bug): that propagates to the 500 handler.
 */
export function refusalErrors(error: unknown, lang: Language, fieldMap: Record<string, string> = {}): FieldError[] | null {
  if (!Refusal.is(error)) return null;
  const rename = (field: string) => {
    const top = field.split(/[.[]/)[0] ?? field;
    return fieldMap[field] ?? fieldMap[top] ?? top;
  };
  const problems = error.problems.map((problem) => ({ field: rename(problem.field), message: problemText(problem, lang) }));
  // The refusal's own text says what happened; for plain input problems the fields say it all.
  if (error.code === 'invalid_input' && problems.length > 0) return problems;
  return [{ field: '', message: refusalText(error, lang) }, ...problems];
}

/** True for the refusal of a right the caller does not have (answer 403 rather than a form error). */
export function isForbidden(error: unknown): boolean {
  return Refusal.is(error) && (error.code === 'forbidden' || error.code === 'not_signed_in' || error.code === 'role_required');
}
