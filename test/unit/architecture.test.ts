import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of docs/architecture.md ("Import rules"), enforced: one row per folder under
 * src/, a sub-folder follows its nearest listed parent, a folder may import its own files.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const BUILTINS = new Set(builtinModules);

/** Computed imports that load a build output, not one of our source modules, and why. */
const COMPUTED_IMPORTS: Record<string, string> = {
  'src/server/astro-handler.ts': 'loads the admin bundle of a full build (dist/server/entry.mjs)',
};

export interface Rule {
  folder: string;
  /** Project-relative folders or files. */
  paths: string[];
  /** Package names or patterns ("node:*", "@utrecht/*", "astro:*"). */
  packages: string[];
}

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

/** The rules table of docs/architecture.md. */
export function readRules(markdown: string): Rule[] {
  const section = markdown.split(/^## Import rules\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const rules: Rule[] = [];
  for (const line of section.split('\n')) {
    const cells = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (!cells) continue;
    const tokens = [...cells[2]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    const isPackage = (token: string) => token.startsWith('@') || token.startsWith('node:') || !token.includes('/');
    rules.push({ folder: cells[1]!, paths: tokens.filter((token) => !isPackage(token)), packages: tokens.filter(isPackage) });
  }
  return rules;
}

/** Every module specifier a source file refers to: static, type-only, re-export, dynamic and require. */
function moduleSpecifiers(fileName: string, source: string): Array<{ specifier: string | null; line: number }> {
  const code = fileName.endsWith('.astro') ? (/^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '') : source;
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Array<{ specifier: string | null; line: number }> = [];
  const record = (node: ts.Node, expression: ts.Node | undefined) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1 + (fileName.endsWith('.astro') ? 1 : 0);
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

/** The rule that governs a project-relative file: its nearest listed folder. */
export function ruleFor(file: string, rules: readonly Rule[]): Rule | null {
  let best: Rule | null = null;
  for (const rule of rules) {
    if ((file === rule.folder || file.startsWith(`${rule.folder}/`)) && (!best || rule.folder.length > best.folder.length)) best = rule;
  }
  return best;
}

function packageAllowed(specifier: string, patterns: readonly string[]): boolean {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  const builtin = specifier.startsWith('node:') || BUILTINS.has(name);
  return patterns.some((pattern) => {
    if (pattern === 'node:*') return builtin;
    if (pattern.endsWith(':*')) return specifier.startsWith(pattern.slice(0, -1));
    if (pattern.endsWith('/*')) return specifier.startsWith(pattern.slice(0, -1));
    if (builtin) return pattern === specifier || pattern === `node:${specifier}`;
    return pattern === name || pattern === specifier;
  });
}

/** The imports in one file (absolute path) that break the rules, each with the rule named. */
export function boundaryViolations(file: string, source: string, rules: readonly Rule[], root = ROOT): Violation[] {
  const where = relative(root, file).split(sep).join('/');
  const rule = ruleFor(where, rules);
  const violations: Violation[] = [];
  for (const { specifier, line } of moduleSpecifiers(file, source)) {
    const at = `${where}:${line}`;
    if (!rule) {
      violations.push({ file: at, specifier: specifier ?? '(computed)', reason: 'this folder has no row in the import rules of docs/architecture.md' });
      continue;
    }
    if (specifier === null) {
      if (COMPUTED_IMPORTS[where]) continue;
      violations.push({ file: at, specifier: '(computed)', reason: 'a computed import cannot be checked; import a literal path' });
    } else if (specifier.startsWith('.')) {
      const target = relative(root, resolve(dirname(file), specifier.replace(/\?.*$/, ''))).split(sep).join('/');
      const own = target === rule.folder || target.startsWith(`${rule.folder}/`);
      const allowed = rule.paths.some((path) => target === path || target.startsWith(`${path}/`));
      if (!own && !allowed) violations.push({ file: at, specifier, reason: `${rule.folder} may not import ${target} (may import: ${[...rule.paths, ...rule.packages].join(', ')})` });
    } else if (!packageAllowed(specifier, rule.packages)) {
      violations.push({ file: at, specifier, reason: `${rule.folder} may not import the package ${specifier} (may import: ${[...rule.paths, ...rule.packages].join(', ')})` });
    }
  }
  return violations;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:[cm]?[jt]s|tsx?|astro)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const RULES = readRules(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8'));

describe('architecture', () => {
  it('docs/architecture.md has an import rule for every folder under src/', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory()).map((name) => `src/${name}`);
    expect(folders.length).toBeGreaterThan(15);
    expect(folders.filter((folder) => !RULES.some((rule) => rule.folder === folder))).toEqual([]);
    expect(RULES.filter((rule) => !folders.includes(rule.folder)).map((rule) => rule.folder)).toEqual([]);
  });

  it('every import under src/ keeps to those rules', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(200);
    const violations = files.flatMap((file) => boundaryViolations(file, readFileSync(file, 'utf8'), RULES)).map((violation) => `${violation.file} ${violation.specifier}: ${violation.reason}`);
    expect(violations).toEqual([]);
  });

  it('screens reach the store and the mail only through use cases', () => {
    const admin = ruleFor('src/admin/routes/messages/detail.astro', RULES)!;
    expect(admin.folder).toBe('src/admin');
    expect(admin.paths.filter((path) => path.startsWith('src/store') || path.startsWith('src/mail'))).toEqual([]);
  });

  it('names the file, the import and the rule of a screen that reaches into the store', () => {
    const file = join(ROOT, 'src/admin/routes/messages/synthetic-bad-example.astro');
    const source = `---
import { findMessage } from '../../../store/messages-repository.ts';
import { listMessages } from '../../../use-cases/messages/list-messages.ts';
import type { Dispatcher } from '../../../mail/dispatcher.ts';
import nodemailer from 'nodemailer';
---
<p>{findMessage}</p>`;
    expect(boundaryViolations(file, source, RULES).map((violation) => `${violation.file.split(':').at(-1)} ${violation.specifier}: ${violation.reason.split(' (may import')[0]}`)).toEqual([
      '2 ../../../store/messages-repository.ts: src/admin may not import src/store/messages-repository.ts',
      '4 ../../../mail/dispatcher.ts: src/admin may not import src/mail/dispatcher.ts',
      '5 nodemailer: src/admin may not import the package nodemailer',
    ]);
  });

  it('catches every import form and every forbidden kind of module in the pure core', () => {
    const file = join(ROOT, 'src/domain/synthetic-bad-example.ts');
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
    expect(boundaryViolations(file, source, RULES).map((violation) => `${violation.file.split(':').at(-1)} ${violation.specifier}`)).toEqual([
      '4 astro:content',
      '5 astro',
      '6 node:fs',
      '7 path',
      '8 fs/promises',
      '9 handlebars',
      '10 nodemailer',
      '11 ../store/database.ts',
      '12 markdown-it',
      '13 node:crypto',
      '14 (computed)',
      '15 child_process',
      '16 os',
      '17 node:sqlite',
    ]);
  });

  it('refuses a file in a folder without a rule', () => {
    const file = join(ROOT, 'src/elsewhere/new-idea.ts');
    expect(boundaryViolations(file, "import { z } from 'zod';", RULES)).toEqual([
      { file: 'src/elsewhere/new-idea.ts:1', specifier: 'zod', reason: 'this folder has no row in the import rules of docs/architecture.md' },
    ]);
  });
});
