import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * src/domain is the pure core every surface shares: it may import zod and its own files, nothing
 * else. No framework (astro:*), no IO (node:* or bare built-ins such as 'fs'), no rendering or
 * mail libraries, and no other folder of ours (which would drag their dependencies in).
 */
const DOMAIN_DIR = resolve('src/domain');
const BUILTINS = new Set(builtinModules);

interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

/** Every module specifier a source file refers to: static, type-only, re-export, dynamic and require. */
function moduleSpecifiers(fileName: string, source: string): Array<{ specifier: string | null; line: number }> {
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Array<{ specifier: string | null; line: number }> = [];
  const record = (node: ts.Node, expression: ts.Node | undefined) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    found.push({ specifier: expression && ts.isStringLiteralLike(expression) ? expression.text : null, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier) record(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      record(node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      record(node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      record(node, node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The imports in one domain file that break the boundary, with the reason. */
export function domainBoundaryViolations(file: string, source: string, domainDir = DOMAIN_DIR): Violation[] {
  const violations: Violation[] = [];
  const where = relative(process.cwd(), file);
  for (const { specifier, line } of moduleSpecifiers(file, source)) {
    const at = `${where}:${line}`;
    if (specifier === null) {
      violations.push({ file: at, specifier: '(computed)', reason: 'a computed import cannot be checked; import a literal path' });
    } else if (specifier === 'zod' || specifier.startsWith('zod/')) {
      continue;
    } else if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      if (target !== domainDir && !target.startsWith(domainDir + sep)) {
        violations.push({ file: at, specifier, reason: 'imports from outside src/domain; the domain must not depend on other folders' });
      }
    } else if (specifier.startsWith('astro:') || specifier === 'astro' || specifier.startsWith('astro/')) {
      violations.push({ file: at, specifier, reason: 'the domain must not depend on Astro' });
    } else if (specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!)) {
      violations.push({ file: at, specifier, reason: 'the domain must stay pure: no Node built-ins (IO belongs at the edges)' });
    } else if (specifier === 'handlebars' || specifier === 'nodemailer' || specifier.startsWith('nodemailer/')) {
      violations.push({ file: at, specifier, reason: 'rendering and mail belong outside the domain' });
    } else {
      violations.push({ file: at, specifier, reason: 'only zod may be imported from packages' });
    }
  }
  return violations;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:[cm]?[jt]s|tsx?)$/.test(entry.name) ? [path] : [];
  });
}

describe('architecture', () => {
  it('src/domain imports nothing but zod and its own files', () => {
    const files = sourceFiles(DOMAIN_DIR);
    expect(files.length).toBeGreaterThan(10);
    const violations = files.flatMap((file) => domainBoundaryViolations(file, readFileSync(file, 'utf8')));
    expect(violations).toEqual([]);
  });

  it('the boundary check catches every import form and every forbidden kind of module', () => {
    const file = join(DOMAIN_DIR, 'synthetic-bad-example.ts');
    const source = `
      import { z } from 'zod';
      import { SlugSchema } from './ids.ts';
      import { getCollection } from 'astro:content';
      import type { AstroGlobal } from 'astro';
      import { readFileSync } from 'node:fs';
      import path from 'path';
      import { promises } from 'fs/promises';
      import Handlebars from 'handlebars';
      export { createTransport } from 'nodemailer';
      export * from '../store/database.ts';
      import markdown from 'markdown-it';
      const crypto = await import('node:crypto');
      const lazy = await import(\`./\${'ids'}.ts\`);
      const child = require('child_process');
      import os = require('os');
      type Db = typeof import('node:sqlite');
    `;
    expect(domainBoundaryViolations(file, source).map((violation) => `${violation.file.split(':').at(-1)} ${violation.specifier}: ${violation.reason}`)).toMatchInlineSnapshot(`
      [
        "4 astro:content: the domain must not depend on Astro",
        "5 astro: the domain must not depend on Astro",
        "6 node:fs: the domain must stay pure: no Node built-ins (IO belongs at the edges)",
        "7 path: the domain must stay pure: no Node built-ins (IO belongs at the edges)",
        "8 fs/promises: the domain must stay pure: no Node built-ins (IO belongs at the edges)",
        "9 handlebars: rendering and mail belong outside the domain",
        "10 nodemailer: rendering and mail belong outside the domain",
        "11 ../store/database.ts: imports from outside src/domain; the domain must not depend on other folders",
        "12 markdown-it: only zod may be imported from packages",
        "13 node:crypto: the domain must stay pure: no Node built-ins (IO belongs at the edges)",
        "14 (computed): a computed import cannot be checked; import a literal path",
        "15 child_process: the domain must stay pure: no Node built-ins (IO belongs at the edges)",
        "16 os: the domain must stay pure: no Node built-ins (IO belongs at the edges)",
        "17 node:sqlite: the domain must stay pure: no Node built-ins (IO belongs at the edges)",
      ]
    `);
  });
});
