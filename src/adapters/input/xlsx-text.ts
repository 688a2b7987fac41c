/**
 * A cell's value as the text Excel shows (and writes when the sheet is saved as CSV): `1`, not `1.0`;
 * `000001` for 1 formatted `000000` (票号 with leading zeros); dates as YYYY-MM-DD, never a serial
 * number; a formula by its result. Pure: takes exceljs's plain cell value and number format.
 */

/** The kinds of value exceljs gives for a cell (`cell.value`). */
export type CellValue =
  | null
  | undefined
  | number
  | string
  | boolean
  | Date
  | { readonly richText: readonly { readonly text: string }[] }
  | { readonly text: unknown; readonly hyperlink?: string }
  | { readonly formula?: string; readonly sharedFormula?: string; readonly result?: unknown }
  | { readonly error: string };

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Dates as YYYY-MM-DD (the form election.json and voters.csv use), with the time only when it has one. */
export function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** A number as Excel's General format shows it (no float noise, no exponent for whole numbers). */
export function generalNumber(n: number): string {
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}

function grouped(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
}

/**
 * The common number formats: zero-padded (`000000`), fixed decimals (`0.00`), thousands (`#,##0`),
 * percent (`0%`, `0.0%`); anything else as General. The first section of `pos;neg;zero` is used.
 */
export function formatNumber(n: number, numFmt: string | undefined): string {
  const fmt = (numFmt ?? 'General').split(';')[0]?.replace(/"[^"]*"|\\./gu, '') ?? '';
  const m = /^([#,]*)(0*)(?:\.(0+))?(%?)$/u.exec(fmt.trim());
  if (fmt === '' || fmt === 'General' || fmt === '@' || !m || (m[1] === '' && m[2] === '' && m[3] === undefined)) return generalNumber(n);
  const [, hashes = '', zeros = '', decimals = '', percent = ''] = m;
  const v = percent === '%' ? n * 100 : n;
  const fixed = Math.abs(v).toFixed(decimals.length);
  const [int = '0', frac] = fixed.split('.');
  const padded = int.padStart(zeros.length, '0');
  const body = (hashes.includes(',') ? grouped(padded) : padded) + (frac === undefined ? '' : `.${frac}`);
  return `${v < 0 && Number(fixed) !== 0 ? '-' : ''}${body}${percent}`;
}

/** The displayed text of a cell value under its number format. */
export function cellText(value: CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return value.error;
  if ('text' in value) return cellText(value.text as CellValue, numFmt);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as CellValue, numFmt);
  return '';
}
