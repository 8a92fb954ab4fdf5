import { listContacts } from '../../store/contacts-repository.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { CONTACT_CSV_COLUMNS } from './contact-csv-format.ts';
import { csvCell } from './csv.ts';

/**
 * All contacts as CSV for a spreadsheet: ";"-separated UTF-8 with BOM (what Dutch Excel opens
 * correctly), the import's columns plus when and how a contact unsubscribed. Re-importing the
 * file changes nothing.
 */
export function exportContacts(ctx: UseCaseContext, caller: Caller, options: { municipalities?: readonly string[] } = {}): string {
  authorise(caller, 'subscriber.manage');
  const delimiter = ';';
  const headers = [...CONTACT_CSV_COLUMNS.map((column) => column.header), 'afgemeld_op', 'afgemeld_via'];
  const lines = [headers.join(delimiter)];
  for (const contact of listContacts(ctx.db, options.municipalities ? { municipalities: options.municipalities } : {})) {
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
    lines.push(cells.map((cell) => csvCell(cell)).join(delimiter));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
