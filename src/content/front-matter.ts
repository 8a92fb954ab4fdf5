import { parse as parseYaml, YAMLParseError } from 'yaml';

export interface FrontMatterFile {
  data: unknown;
  body: string;
}

export class FrontMatterError extends Error {}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Splits a Markdown file into its YAML front matter and body. */
export function parseFrontMatter(source: string): FrontMatterFile {
  const text = source.replace(/^\uFEFF/, '');
  const match = FENCE.exec(text);
  if (!match) throw new FrontMatterError('missing front matter: the file must start with a line "---", the YAML fields, and another "---"');
  return { data: parseYamlText(match[1]!), body: match[2]!.trim() };
}

export function parseYamlText(text: string): unknown {
  try {
    // YAML 1.2 core schema: timestamps stay strings, so the schemas see exactly what was written.
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      throw new FrontMatterError(`YAML does not parse${position ? ` at line ${position.line}, column ${position.col}` : ''}: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
}
