import type { Clock } from '../../auth/clock.ts';
import { ContactSchema, mailboxKey, type Contact } from '../../domain/contact.ts';
import { appendAudit, type AuditActor } from '../../store/audit-log.ts';
import { findContactByAddress, insertContact, updateContact } from '../../store/contacts-repository.ts';
import { transaction, type Database } from '../../store/database.ts';
import { CONTACT_CSV_COLUMNS, parseProducts, parseYesNo, unDefuse, type ContactCsvKey } from './contact-csv-format.ts';
import { CsvSyntaxError, detectDelimiter, parseCsv } from './csv.ts';

export interface ImportProblem {
  /** Line in the file (1 = the header). */
  line: number;
  /** Column header as the file names it, when the problem is in one cell. */
  column?: string;
  value?: string;
  reason: string;
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
  actor: AuditActor;
  /** Import the valid rows even though others have problems (the operator saw the report). */
  confirm?: boolean;
  /** Only report what would happen. */
  dryRun?: boolean;
  /** Known municipality and product ids (from the content); unknown ones are reported per row. */
  municipalities?: ReadonlySet<string>;
  products?: ReadonlySet<string>;
}

/**
 * Imports contacts from CSV. Every bad row is reported with its line and reason; a file with
 * problems imports nothing unless `confirm` is set, and then only its valid rows. Rows for the
 * same municipality and address are merged (products combined, active if any row is); an existing
 * contact with that municipality and address is updated in place, keeping its unsubscribe state.
 */
export function importContacts(deps: { db: Database; clock: Clock; drill?: boolean }, input: ImportContactsInput): ImportReport {
  const report: ImportReport = { rows: 0, validRows: 0, problems: [], merged: [], added: 0, updated: 0, imported: false };
  let records;
  try {
    records = parseCsv(input.csv, detectDelimiter(input.csv));
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      report.problems.push({ line: error.line, reason: error.message.replace(/^line \d+: /, '') });
      return report;
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) {
    report.problems.push({ line: 1, reason: 'the file is empty; expected a header row such as "gemeente;naam;email;rol;taal;producten;actief"' });
    return report;
  }
  const columns = mapHeader(header.cells, report);
  if (!columns) return report;
  report.rows = rows.length;

  const byKey = new Map<string, { contact: Contact; lines: number[] }>();
  for (const row of rows) {
    const contact = parseRow(row.line, row.cells, columns, header.cells, input, report);
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
  transaction(deps.db, () => {
    const now = deps.clock.now();
    for (const { contact } of byKey.values()) {
      const existing = findContactByAddress(deps.db, contact.municipality, contact.email);
      if (existing) report.updated += 1;
      else report.added += 1;
      if (!write) continue;
      if (existing) updateContact(deps.db, existing.id, contact, now);
      else insertContact(deps.db, contact, now);
    }
    if (write && byKey.size > 0) {
      appendAudit(deps.db, {
        actor: input.actor,
        action: 'subscriber_added',
        subject: { type: 'contact_import', id: now.toISOString() },
        details: { source: 'csv', added: report.added, updated: report.updated, skipped_rows: report.rows - report.validRows, confirmed_with_problems: report.problems.length > 0 },
        drill: deps.drill ?? false,
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
      report.problems.push({ line: 1, column: cell, reason: `unknown column "${cell}"; expected: ${CONTACT_CSV_COLUMNS.map((known) => known.header).join(', ')}` });
    } else if (columns.has(column.key)) {
      report.problems.push({ line: 1, column: cell, reason: `column "${cell}" appears twice` });
    } else {
      columns.set(column.key, index);
    }
  });
  const missing = CONTACT_CSV_COLUMNS.filter((column) => column.required && !columns.has(column.key));
  for (const column of missing) report.problems.push({ line: 1, reason: `required column "${column.header}" is missing` });
  return report.problems.length > 0 ? null : columns;
}

function parseRow(
  line: number,
  cells: string[],
  columns: Map<ContactCsvKey, number>,
  headers: string[],
  input: ImportContactsInput,
  report: ImportReport,
): Contact | null {
  const cellOf = (key: ContactCsvKey) => {
    const index = columns.get(key);
    return index === undefined ? '' : unDefuse(cells[index] ?? '').trim();
  };
  const headerOf = (key: ContactCsvKey) => headers[columns.get(key) ?? -1] ?? key;
  const problems: ImportProblem[] = [];
  if (cells.length > headers.length) problems.push({ line, reason: `has ${cells.length} cells but the header has ${headers.length} columns` });
  const active = parseYesNo(cellOf('active'));
  if (active === undefined) problems.push({ line, column: headerOf('active'), value: cellOf('active'), reason: 'must be "ja" or "nee"' });
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
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]) as ContactCsvKey;
      problems.push({ line, column: headerOf(key), value: cellOf(key), reason: issue.message });
    }
  } else {
    if (input.municipalities && !input.municipalities.has(parsed.data.municipality)) {
      problems.push({ line, column: headerOf('municipality'), value: cellOf('municipality'), reason: 'is not a municipality in content/municipalities.yaml' });
    }
    if (input.products && parsed.data.products !== 'all') {
      for (const product of parsed.data.products.filter((id) => !input.products!.has(id))) {
        problems.push({ line, column: headerOf('products'), value: product, reason: 'is not a product in content/components.yaml' });
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
