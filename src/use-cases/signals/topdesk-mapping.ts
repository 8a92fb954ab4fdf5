import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { problemsFromZod, TopdeskMappingSchema, type TopdeskMapping } from '../../domain/index.ts';

/**
 * Reads and checks the TOPdesk mapping file; one error naming the file and every bad field
 * ("products[2].category: …"). Read at start-up, so a mistake shows before the first poll.
 */
export function loadTopdeskMapping(file: string): TopdeskMapping {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`TOPdesk mapping ${file}: ${(error as Error).message}`);
  }
  const parsed = TopdeskMappingSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue, index) => {
    const field = problemsFromZod(parsed.error)[index]?.field ?? issue.path.join('.');
    return `  ${field || '(file)'}: ${issue.message}`;
  });
  throw new Error(`TOPdesk mapping ${file} is not valid:\n${lines.join('\n')}`);
}
