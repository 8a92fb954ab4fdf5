import type { z } from 'zod';
import { invalidInput, problemsFromZod } from '../domain/index.ts';

/** Parses a use case's input with its schema; a refusal naming every bad field otherwise. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw invalidInput(problemsFromZod(parsed.error));
}
