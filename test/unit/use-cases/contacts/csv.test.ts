import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../../../src/use-cases/contacts/csv.ts';

describe('parseCsv', () => {
  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv('a;b\n"open;x\n', ';')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a;b\n"open;x\n', ';')).toThrow('line 2: a quoted cell is not closed');
  });

  it('handles quotes, delimiters and line breaks inside quoted cells, CRLF, a BOM and blank lines', () => {
    expect(parseCsv('\uFEFFa;b\r\n"x;1";"regel 1\nregel 2"\n\n"zeg ""hoi""";\n', ';')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x;1', 'regel 1\nregel 2'] },
      { line: 5, cells: ['zeg "hoi"', ''] },
    ]);
  });
});
