import { listContacts } from '../../store/contacts-repository.ts';
import type { Database } from '../../store/database.ts';
import { CONTACT_CSV_COLUMNS } from './contact-csv-format.ts';
import { csvCell } from './csv.ts';

/**
 * All contacts as CSV for a spreadsheet: ";"-separated UTF-8 with BOM (what Dutch Excel opens
 * correctly), the import's columns plus when and how a contact unsubscribed. Re-importing the
 * file changes nothing.
 */
export function exportContacts(db: Database, options: { municipalities?: readonly string[] } = {}): string {
  const delimiter = ';';
  const headers = [...CONTACT_CSV_COLUMNS.map((column) => column.header), 'afgemeld_op', 'afgemeld_via'];
  const lines = [headers.join(delimiter)];
  for (const contact of listContacts(db, options.municipalities ? { municipalities: options.municipalities } : {})) {
    const cells = [
      contact.municipality,
      contact.name,
      contact.email,
      contact.role,
      contact.language,
      contact.products === 'all' ? 'alle' : contact.products.join('|'),
      contact.active ? 'ja' : 'nee',
      contact.unsubscribedAt?.toISOString() ?? '',
      contact.unsubscribedVia ?? '',
    ];
    lines.push(cells.map((cell) => csvCell(cell, delimiter)).join(delimiter));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
