import type { z } from 'zod';
import type { ReadModel } from '../domain/index.ts';
import { API_ENDPOINTS, type ApiEndpointName } from './endpoints.ts';

/** An API response that does not match its published schema; thrown so the build fails. */
export class ApiSchemaError extends Error {
  readonly endpoint: string;
  readonly issues: z.core.$ZodIssue[];

  constructor(endpoint: string, issues: z.core.$ZodIssue[]) {
    const lines = issues.slice(0, 20).map((issue) => `  ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    const more = issues.length > 20 ? `\n  … and ${issues.length - 20} more` : '';
    super(`/api/v2/${endpoint} does not match its Statuspage schema (src/api/schemas.ts):\n${lines.join('\n')}${more}`);
    this.name = 'ApiSchemaError';
    this.endpoint = endpoint;
    this.issues = issues;
  }
}

/** Checks a value against a schema and returns it as JSON text, or throws ApiSchemaError. */
export function validatedJson<S extends z.ZodType>(endpoint: string, schema: S, value: unknown): string {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiSchemaError(endpoint, result.error.issues);
  return JSON.stringify(value);
}

/** The body of one endpoint, built from the read model and validated before it is emitted. */
export function apiEndpointBody(name: ApiEndpointName, model: ReadModel): string {
  const endpoint = API_ENDPOINTS[name];
  return validatedJson(endpoint.path, endpoint.schema, endpoint.build(model));
}

/** The Response a static endpoint route returns. */
export function apiEndpointResponse(name: ApiEndpointName, model: ReadModel): Response {
  return new Response(apiEndpointBody(name, model), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
