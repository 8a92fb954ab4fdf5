import { ContactSchema, mailboxKey, type Contact } from '../../domain/contact.ts';
import { problemsFromZod, type ProblemCode, type ProblemParams } from '../../domain/index.ts';
import { findContactByAddress, insertContact, updateContact } from '../../store/contacts-repository.ts';
import { transaction } from '../../store/database.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { CONTACT_CSV_COLUMNS, parseProducts, parseYesNo, unDefuse, type ContactCsvKey } from './contact-csv-format.ts';
import { CsvSyntaxError, detectDelimiter, parseCsv } from './csv.ts';

export interface ImportProblem {
  /** Line in the file (1 = the header). */
  line: number;
  /** Column header as the file names it, when the problem is in one cell. */
  column?: string;
  value?: string;
  code: ProblemCode;
  params?: ProblemParams;
}

export interface ImportReport {
  /** Data rows in the file. */
  rows: number;
  /** Rows that are valid (before merging duplicates). */
  validRows: number;
  problems: ImportProblem[];
  /** Rows with the same municipality and address (any case), merged into one contact. */
  merged: Array<{ municipality: string; email: string; lines: number[] }>;
  /** Contacts the import adds and updates (existing contact with the same municipality and address). */
  added: number;
  updated: number;
  /** False when nothing was written: a dry run, or problems without confirmation. */
  imported: boolean;
}

export interface ImportContactsInput {
  csv: string;
  /** Import the valid rows even though others have problems (the operator saw the report). */
  confirm?: boolean;
  /** Only report what would happen. */
  dryRun?: boolean;
}

/**
 * Imports contacts from CSV. Every bad row is reported with its line and reason; a file with
 * problems imports nothing unless `confirm` is set, and then only its valid rows. Rows for the
 * same municipality and address are merged (products combined, active if any row is); an existing
 * contact with that municipality and address is updated in place, keeping its unsubscribe state.
 */
export function importContacts(ctx: UseCaseContext, caller: Caller, input: ImportContactsInput): ImportReport {
  authorise(caller, 'subscriber.manage');
  // Known municipality and product ids: unknown ones are reported per row.
  const catalogue = ctx.content.readCatalogue();
  const known = { municipalities: new Set(catalogue.municipalities.map((item) => item.id)), products: new Set(catalogue.components.map((item) => item.id)) };
  const report: ImportReport = { rows: 0, validRows: 0, problems: [], merged: [], added: 0, updated: 0, imported: false };
  let records;
  try {
    records = parseCsv(input.csv, detectDelimiter(input.csv));
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      report.problems.push({ line: error.line, code: 'csv_unclosed_quote' });
      return report;
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) {
    report.problems.push({ line: 1, code: 'csv_empty', params: { expected: CONTACT_CSV_COLUMNS.map((known) => known.header) } });
    return report;
  }
  const columns = mapHeader(header.cells, report);
  if (!columns) return report;
  report.rows = rows.length;

  const byKey = new Map<string, { contact: Contact; lines: number[] }>();
  for (const row of rows) {
    const contact = parseRow(row.line, row.cells, columns, header.cells, known, report);
    if (!contact) continue;
    report.validRows += 1;
    const key = `${contact.municipality}\n${mailboxKey(contact.email)}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { contact, lines: [row.line] });
      continue;
    }
    seen.lines.push(row.line);
    seen.contact = mergeContacts(seen.contact, contact);
  }
  for (const { contact, lines } of byKey.values()) {
    if (lines.length > 1) report.merged.push({ municipality: contact.municipality, email: contact.email, lines });
  }

  const write = input.dryRun !== true && (report.problems.length === 0 || input.confirm === true);
  transaction(ctx.db, () => {
    const now = ctx.clock.now();
    for (const { contact } of byKey.values()) {
      const existing = findContactByAddress(ctx.db, contact.municipality, contact.email);
      if (existing) report.updated += 1;
      else report.added += 1;
      if (!write) continue;
      if (existing) updateContact(ctx.db, existing.id, contact, now);
      else insertContact(ctx.db, contact, now);
    }
    if (write && byKey.size > 0) {
      audit(ctx, caller, {
        action: 'subscriber_added',
        subject: { type: 'contact_import', id: now.toISOString() },
        details: { source: 'csv', added: report.added, updated: report.updated, skipped_rows: report.rows - report.validRows, confirmed_with_problems: report.problems.length > 0 },
        at: now,
      });
    }
  });
  report.imported = write && byKey.size > 0;
  return report;
}

const EXPORT_ONLY_COLUMNS = ['afgemeld_op', 'afgemeld_via', 'unsubscribed_at', 'unsubscribed_via'];

function mapHeader(cells: string[], report: ImportReport): Map<ContactCsvKey, number> | null {
  const columns = new Map<ContactCsvKey, number>();
  cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    const column = CONTACT_CSV_COLUMNS.find((candidate) => (candidate.aliases as readonly string[]).includes(name));
    // Our export adds when and how a contact unsubscribed; only the recipient changes that.
    if (!column && EXPORT_ONLY_COLUMNS.includes(name)) return;
    if (!column) {
      report.problems.push({ line: 1, column: cell, code: 'csv_unknown_column', params: { expected: CONTACT_CSV_COLUMNS.map((known) => known.header) } });
    } else if (columns.has(column.key)) {
      report.problems.push({ line: 1, column: cell, code: 'csv_duplicate_column' });
    } else {
      columns.set(column.key, index);
    }
  });
  const missing = CONTACT_CSV_COLUMNS.filter((column) => column.required && !columns.has(column.key));
  for (const column of missing) report.problems.push({ line: 1, column: column.header, code: 'csv_missing_column' });
  return report.problems.length > 0 ? null : columns;
}

function parseRow(
  line: number,
  cells: string[],
  columns: Map<ContactCsvKey, number>,
  headers: string[],
  known: { municipalities: ReadonlySet<string>; products: ReadonlySet<string> },
  report: ImportReport,
): Contact | null {
  const cellOf = (key: ContactCsvKey) => {
    const index = columns.get(key);
    return index === undefined ? '' : unDefuse(cells[index] ?? '').trim();
  };
  const headerOf = (key: ContactCsvKey) => headers[columns.get(key) ?? -1] ?? key;
  const problems: ImportProblem[] = [];
  if (cells.length > headers.length) problems.push({ line, code: 'csv_too_many_cells', params: { cells: cells.length, columns: headers.length } });
  const active = parseYesNo(cellOf('active'));
  if (active === undefined) problems.push({ line, column: headerOf('active'), value: cellOf('active'), code: 'yes_or_no' });
  const language = cellOf('language').toLowerCase() || 'nl';
  const parsed = ContactSchema.safeParse({
    municipality: cellOf('municipality').toUpperCase(),
    name: cellOf('name'),
    email: cellOf('email'),
    role: cellOf('role'),
    language,
    products: parseProducts(cellOf('products')),
    active: active ?? true,
  });
  if (!parsed.success) {
    for (const problem of problemsFromZod(parsed.error)) {
      const key = problem.field.split(/[.[]/)[0] as ContactCsvKey;
      problems.push({ line, column: headerOf(key), value: cellOf(key), code: problem.code, ...(problem.params ? { params: problem.params } : {}) });
    }
  } else {
    if (!known.municipalities.has(parsed.data.municipality)) {
      problems.push({ line, column: headerOf('municipality'), value: cellOf('municipality'), code: 'unknown_municipality', params: { id: parsed.data.municipality } });
    }
    if (parsed.data.products !== 'all') {
      for (const product of parsed.data.products.filter((id) => !known.products.has(id))) {
        problems.push({ line, column: headerOf('products'), value: product, code: 'unknown_product', params: { id: product } });
      }
    }
  }
  report.problems.push(...problems);
  return problems.length === 0 && parsed.success ? parsed.data : null;
}

function mergeContacts(first: Contact, next: Contact): Contact {
  const products = first.products === 'all' || next.products === 'all' ? 'all' : [...new Set([...first.products, ...next.products])];
  return { ...first, role: first.role || next.role, products, active: first.active || next.active };
}
