import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { fieldPath } from '../domain/index.ts';
import { TemplateManifestSchema } from './manifest.ts';
import { problem, type TemplateProblem } from './template-error.ts';

export type TemplateManifest = z.infer<typeof TemplateManifestSchema>;

export interface ParsedManifest {
  manifest: TemplateManifest;
  /** The line of each variable's declaration by name, and of the id under "$id", for problems. */
  variableLines: Map<string, number>;
}

/**
 * Parses manifest.yaml (duplicate keys refused) and validates it with the manifest schema. Every
 * YAML error or schema issue becomes a problem with the line it points at; null when any was found.
 */
export function parseManifest(source: string, file: string, template: string, problems: TemplateProblem[]): ParsedManifest | null {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      problems.push(
        problem({
          code: 'manifest_invalid',
          template,
          file,
          line: error.linePos?.[0]?.line ?? null,
          message: `the manifest is not valid YAML: ${error.message.split('\n')[0]}`,
          fix: 'check the indentation and quote texts that contain ": " or start with a special character',
        }),
      );
    }
    return null;
  }
  // The nearest line the YAML document has for a path (a missing field points at its parent).
  const lineOf = (path: readonly PropertyKey[]): number | null => {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = document.getIn(path.slice(0, length) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const parsed = TemplateManifestSchema.safeParse(document.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const declaration = issue.path[0] === 'variables' && typeof issue.path[1] === 'number' ? (document.toJS()?.variables?.[issue.path[1]]?.name as unknown) : undefined;
      problems.push(
        problem({
          code: 'manifest_invalid',
          template,
          file,
          line: lineOf(issue.path),
          variable: typeof declaration === 'string' ? declaration : null,
          message: `${fieldPath(issue.path) || 'manifest'}: ${issue.code === 'invalid_type' && issue.input === undefined ? `is required (expected ${issue.expected})` : issue.message}`,
          fix: 'see templates/README.md for the manifest fields',
        }),
      );
    }
    return null;
  }
  const variableLines = new Map<string, number>();
  parsed.data.variables.forEach((variable, index) => {
    const line = lineOf(['variables', index]);
    if (line) variableLines.set(variable.name, line);
  });
  const idLine = lineOf(['id']);
  if (idLine) variableLines.set('$id', idLine);
  return { manifest: parsed.data, variableLines };
}
