import { parse as parseYaml, YAMLParseError } from 'yaml';

export interface FrontMatterFile {
  data: unknown;
  body: string;
}

export class FrontMatterError extends Error {
  /** The file line the YAML parser stopped at, when it said. */
  readonly line: number | null;
  constructor(message: string, line: number | null = null) {
    super(message);
    this.name = 'FrontMatterError';
    this.line = line;
  }
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Splits a Markdown file into its YAML front matter and body. */
export function parseFrontMatter(source: string): FrontMatterFile {
  const text = source.replace(/^\uFEFF/, '');
  const match = FENCE.exec(text);
  if (!match) throw new FrontMatterError('missing front matter: the file must start with a line "---", the YAML fields, and another "---"');
  // The opening "---" is line 1 of the file, so YAML line n is file line n + 1.
  return { data: parseYamlText(match[1]!, 1), body: match[2]!.trim() };
}

/** Parses YAML; `lineOffset` makes reported line numbers count from the start of the file. */
export function parseYamlText(text: string, lineOffset = 0): unknown {
  try {
    // YAML 1.2 core schema: timestamps stay strings, so the schemas see exactly what was written.
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      // The yaml package appends its own position and a code excerpt; say the position once, in file lines.
      const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new FrontMatterError(`YAML does not parse${position ? ` at line ${position.line + lineOffset}, column ${position.col}` : ''}: ${reason}`, position ? position.line + lineOffset : null);
    }
    throw error;
  }
}
