import { z } from 'zod';
import { ComponentStatusSchema, isLoopbackOrigin, MUNICIPALITY_ID_PATTERN, SLUG_PATTERN, type ComponentStatus } from '../domain/index.ts';
import type { VariableDefinition } from './manifest.ts';
import { normaliseMultiline, normaliseOneLine } from './text-safety.ts';
import { UNSUBSCRIBE_PLACEHOLDER } from './unsubscribe-placeholder.ts';

/** A validated value as the engine uses it. */
export type VariableValue = string | Date | number | boolean | null | ProductItem[] | MunicipalityItem[];

export interface ProductItem {
  id: string;
  name: string;
  status: ComponentStatus | null;
}
export interface MunicipalityItem {
  id: string;
  name: string;
}

export type TemplateValues = Record<string, VariableValue>;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const RESERVED_HOST = new URL(UNSUBSCRIBE_PLACEHOLDER).host;
const NOT_RESERVED = (value: string) => !value.includes(RESERVED_HOST);
const RESERVED_MESSAGE = 'contains the reserved unsubscribe placeholder address; remove it';

/** Normalises, then checks length and the reserved address in one step (nested pipes cost per item). */
function checkedText(normalise: (value: string) => string, maxLength: number, minLength: number, typeError: string) {
  return z.string({ error: typeError }).transform((input, ctx) => {
    const value = normalise(input);
    // `params.code` names the problem for the admin (src/domain/problems.ts); the message is for template authors.
    if (value.length < minLength) ctx.addIssue({ code: 'custom', message: 'must not be empty', params: { code: 'required' } });
    else if (value.length > maxLength) ctx.addIssue({ code: 'custom', message: `must be at most ${maxLength} characters`, params: { code: 'too_long', maximum: maxLength } });
    else if (!NOT_RESERVED(value)) ctx.addIssue({ code: 'custom', message: RESERVED_MESSAGE, params: { code: 'reserved_address' } });
    else return value;
    return z.NEVER;
  });
}

const oneLineText = (maxLength: number, minLength = 0) => checkedText(normaliseOneLine, maxLength, minLength, 'must be text');
const markdownText = (maxLength: number) => checkedText(normaliseMultiline, maxLength, 0, 'must be Markdown text');
const paragraphsText = (maxLength: number) => checkedText(normaliseMultiline, maxLength, 0, 'must be text');

const instant = z.preprocess(
  (input) => (typeof input === 'string' && ISO_INSTANT.test(input.trim()) ? new Date(input.trim()) : input),
  z.date({ error: 'must be a date and time with offset, e.g. "2026-11-27T09:30:00+01:00" or "2026-11-27T08:30:00Z"' }),
);

const minutes = z.preprocess(
  (input) => (typeof input === 'string' && /^\s*\d+\s*$/.test(input) ? Number(input) : input),
  z
    .int({ error: 'must be a whole number of minutes, e.g. 90' })
    .min(1, 'must be at least 1 minute')
    .max(60 * 24 * 60, 'must be at most 60 days (86400 minutes)'),
);

/** What the values are checked against besides the manifest. */
export interface ValuesSchemaOptions {
  /**
   * The one http origin a url value may use: a demo's own instance on loopback (the configured
   * public address), so its links work. Ignored unless it is http on a loopback address.
   */
  localOrigin?: string | undefined;
}

const safeUrlFor = (localOrigin: string | null) => z
  .string({ error: 'must be a web address' })
  .trim()
  .max(2_000, 'must be at most 2000 characters')
  .transform((input, ctx) => {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a full address starting with https://, e.g. "https://status.voorbeeldsoftware.nl/"; got "${shorten(input)}"`, params: { code: 'invalid_url' } });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'mailto:' && !(localOrigin !== null && url.protocol === 'http:' && url.origin === localOrigin)) {
      ctx.addIssue({ code: 'custom', message: `only https: and mailto: addresses are allowed, not "${url.protocol}"`, params: { code: 'https_only' } });
      return z.NEVER;
    }
    if (url.protocol === 'https:' && (url.username || url.password)) {
      ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password', params: { code: 'no_credentials_in_url' } });
      return z.NEVER;
    }
    if (url.protocol === 'mailto:' && !/^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(url.pathname))) {
      ctx.addIssue({ code: 'custom', message: 'a mailto: address must contain one e-mail address, e.g. "mailto:servicedesk@voorbeeldsoftware.nl"', params: { code: 'one_mailbox' } });
      return z.NEVER;
    }
    return url.href;
  })
  .refine(NOT_RESERVED, { message: RESERVED_MESSAGE, params: { code: 'reserved_address' } });

const flag = z.preprocess((input) => {
  if (input === 'true' || input === 'on' || input === '1') return true;
  if (input === 'false' || input === 'off' || input === '0') return false;
  return input;
}, z.boolean({ error: 'must be true or false' }));

// The domain's id schemas carry no text of their own (src/i18n words them for the admin); template
// authors read these messages, so the item ids say what they expect here.
const productItem = z.strictObject({
  id: z.string().regex(SLUG_PATTERN, 'must be a product id: lower-case letters, digits and single hyphens, e.g. "registra-brp"').max(80),
  name: oneLineText(200, 1),
  status: ComponentStatusSchema.nullish().transform((status) => status ?? null),
});

const municipalityItem = z.strictObject({
  id: z.string().regex(MUNICIPALITY_ID_PATTERN, 'must be a CBS municipality code: "GM" followed by four digits, e.g. "GM0344"'),
  name: oneLineText(200, 1),
});

function valueSchema(variable: VariableDefinition, safeUrl: ReturnType<typeof safeUrlFor>): z.ZodType<VariableValue> {
  switch (variable.type) {
    case 'text':
      return oneLineText(variable.maxLength);
    case 'markdown':
      return markdownText(variable.maxLength);
    case 'paragraphs':
      return paragraphsText(variable.maxLength);
    case 'datetime':
      return instant;
    case 'duration':
      return minutes;
    case 'url':
      return safeUrl;
    case 'boolean':
      return flag;
    case 'choice': {
      const values = (variable.options ?? []).map((option) => option.value);
      return z.enum(values as [string, ...string[]], { error: `must be one of: ${values.map((value) => `"${value}"`).join(', ')}` });
    }
    case 'component_list':
      return z.array(productItem, { error: 'must be a list of products ({ id, name, status })' }).max(500, 'must list at most 500 products');
    case 'municipality_list':
      return z.array(municipalityItem, { error: 'must be a list of municipalities ({ id, name })' }).max(1_000, 'must list at most 1000 municipalities');
  }
}

/** Empty means "not filled in": absent, null, a string of only spaces or invisible characters, an empty list. */
function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && normaliseOneLine(value).replace(/[\p{Cf}\s]/gu, '') === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * The zod schema for one template's values, built from its manifest. Unknown keys are refused
 * (a misspelt variable name must not silently drop a fact); optional variables come out as null
 * when empty, so templates can test them with `{{#if}}`.
 */
export function buildValuesSchema(variables: readonly VariableDefinition[], options: ValuesSchemaOptions = {}) {
  const shape: Record<string, z.ZodType> = {};
  const safeUrl = safeUrlFor(options.localOrigin && isLoopbackOrigin(options.localOrigin) ? new URL(options.localOrigin).origin : null);
  for (const variable of variables) {
    const inner = valueSchema(variable, safeUrl);
    shape[variable.name] = variable.required
      ? z.unknown().superRefine((value, ctx) => {
          if (isEmpty(value)) ctx.addIssue({ code: 'custom', message: 'is required: fill it in', input: value, params: { code: 'required' } });
        }).pipe(inner)
      : z
          .unknown()
          .optional()
          .transform((value) => (isEmpty(value) ? null : value))
          .pipe(inner.nullable());
  }
  const known = variables.map((variable) => variable.name);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown variable${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}; this template declares: ${known.join(', ') || '(none)'}`
        : 'values must be an object with one field per variable',
  }) as unknown as z.ZodType<TemplateValues>;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
