// A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab/CR that hides one)
// is written with a leading apostrophe: the OWASP advice for CSV injection. Applied to every
// cell Ringside exports, including the per-row error reports that echo imported values.
// A phone number or a signed number ("+1 415 555 0100", "-12.5") stays as it is: a spreadsheet
// reads it as a number, nothing runs, and an agent can still dial what was exported.
const ALWAYS_FORMULA = /^[=@\t\r]/;
const SIGNED = /^[+-]/;
const PLAIN_NUMBER = /^[+-][\d\s().-]*$/;

/** The cell as safe to open in a spreadsheet. */
export function escapeCsvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (ALWAYS_FORMULA.test(value) || (SIGNED.test(value) && !PLAIN_NUMBER.test(value))) return `'${value}`;
  return value;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV line (RFC 4180, CRLF) of cells escaped against formula injection, quoted where needed. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells
    .map((cell) => {
      const text = escapeCsvCell(cell === null || cell === undefined ? null : String(cell));
      return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',')}\r\n`;
}
