/**
 * RFC 4180 CSV: CRLF between records, a field quoted when it holds a comma, a quote or a line
 * break, quotes inside doubled. The file starts with a UTF-8 byte order mark, without which Excel
 * reads the bytes as the local code page and garbles accents.
 */
export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null;

// A cell starting like this is a formula to Excel, LibreOffice and Sheets. Attendee text is
// attacker-controlled: OWASP's advice is a leading apostrophe, which shows the text as text.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
