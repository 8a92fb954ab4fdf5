/** A parsed CSV record with the physical line it starts on (for error reports). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/**
 * The delimiter of a CSV file, from its header line: Dutch Excel writes ";", most other tools ",".
 */
export function detectDelimiter(text: string): ';' | ',' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g) ?? []).length >= (header.match(/,/g) ?? []).length ? ';' : ',';
}

/**
 * RFC 4180 parsing: quoted cells may hold the delimiter, quotes ("") and line breaks; CRLF or LF;
 * a UTF-8 BOM (Excel) is ignored. Blank lines are skipped. A quote inside an unquoted cell is kept
 * as text (hand-edited files have them).
 */
export function parseCsv(text: string, delimiter: ';' | ','): CsvRecord[] {
  const input = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '' && !cellStarted)) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let index = 0; index < input.length; index++) {
    const character = input[index]!;
    if (quoted) {
      if (character === '"') {
        if (input[index + 1] === '"') {
          cell += '"';
          index++;
        } else {
          quoted = false;
        }
      } else {
        if (character === '\n') line++;
        cell += character;
      }
      continue;
    }
    if (character === '"' && cell === '') {
      quoted = true;
      cellStarted = true;
    } else if (character === delimiter) {
      cells.push(cell);
      cell = '';
      cellStarted = true;
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && input[index + 1] === '\n') index++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += character;
      cellStarted = true;
    }
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted cell is not closed');
  if (cell !== '' || cells.length > 0 || cellStarted) endRecord();
  return records;
}

/** One CSV cell, quoted when needed (for either delimiter); cells a spreadsheet would run as a formula are defused. */
export function csvCell(value: string): string {
  // OWASP CSV injection: a leading =, +, - or @ would make Excel evaluate the cell.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /["\r\n;,]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}
