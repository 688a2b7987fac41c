/**
 * Fitting terminal output to the terminal's width (`process.stdout.columns`; nothing changes when it
 * is unknown, e.g. output into a file): a table first wraps its name column inside the cell, then
 * drops its secondary columns one by one; a long text line is wrapped with its indent kept.
 */
import type Table from 'cli-table3';
import { width, wrap } from '../report/width.js';

const ANSI = /\u001b\[[0-9;]*m/gu;
const visible = (s: string): number => width(s.replace(ANSI, ''));
const widest = (s: string): number => Math.max(0, ...s.split('\n').map(visible));

/** The narrowest a wrapped name column gets (4 Chinese characters and the padding). */
const MIN_WRAP = 10;
/** The narrowest a name column is wrapped to before secondary columns are dropped (8 characters). */
const PREFER_WRAP = 18;

interface TableOptions {
  head: string[];
  colAligns?: ('left' | 'right' | 'center')[];
  style?: Record<string, unknown>;
}

/**
 * A built cli-table3 table, as wide as `max` allows: the natural table if it fits; else the columns
 * `wrapCols` wrapped inside their cells (the widest first); else, in the order of `drop` (column indexes), secondary columns
 * left out (a group at a time) until it fits.
 */
export function fitTable(
  t: Table.Table,
  max: number | undefined,
  drop: readonly (readonly number[])[] = [],
  wrapCols: readonly number[] = [0],
): string {
  const natural = t.toString();
  if (max === undefined || widest(natural) <= max) return natural;
  const o = (t as unknown as { options: TableOptions }).options;
  const rows = [...(t as unknown as string[][])];
  let keep = o.head.map((_, i) => i);
  for (let k = 0; ; k++) {
    const widths = keep.map((i) => Math.max(visible(o.head[i] ?? ''), ...rows.map((r) => visible(String(r[i] ?? '')))) + 2);
    // While secondary columns remain, names are wrapped no narrower than PREFER_WRAP; then down to MIN_WRAP.
    const floor = k < drop.length ? PREFER_WRAP : MIN_WRAP;
    const wrapAt = wrapCols.map((c) => keep.indexOf(c)).filter((w) => w >= 0);
    for (let over = widths.reduce((a, w) => a + w, keep.length + 1) - max; over > 0; over--) {
      const widestWrap = wrapAt.reduce((b, w) => ((widths[w] ?? 0) > (widths[b] ?? 0) ? w : b), wrapAt[0] ?? -1);
      if (widestWrap < 0 || (widths[widestWrap] ?? 0) <= floor) break;
      widths[widestWrap] = (widths[widestWrap] ?? 0) - 1;
    }
    const fits = widths.reduce((a, x) => a + x, keep.length + 1) <= max;
    if (fits || k >= drop.length) {
      const pick = <T>(xs: readonly T[] | undefined): T[] => keep.map((i) => xs?.[i]).filter((x): x is T => x !== undefined);
      const fitted = new (t.constructor as new (o: object) => Table.Table)({
        ...o,
        head: pick(o.head),
        colAligns: pick(o.colAligns),
        colWidths: widths,
        // The natural rendering stored its row heights in the options: the wrapped rows are taller.
        rowHeights: [],
      });
      const inner = (i: number): number => (widths[keep.indexOf(i)] ?? MIN_WRAP) - 2;
      for (const r of rows) fitted.push(pick(r.map((cell, i) => (wrapCols.includes(i) ? wrapCell(String(cell), inner(i)) : cell))));
      return fitted.toString();
    }
    const d = drop[k] ?? [];
    keep = keep.filter((i) => !d.includes(i));
  }
}

/** A cell's text in lines of at most `max` columns (its colour, if any, kept on every line). */
function wrapCell(cell: string, max: number): string {
  if (visible(cell) <= max) return cell;
  const m = /^((?:\u001b\[[0-9;]*m)*)(.*?)((?:\u001b\[[0-9;]*m)*)$/su.exec(cell);
  const [, open = '', text = cell, close = ''] = m ?? [];
  return wrap(text, max)
    .map((l) => open + l + close)
    .join('\n');
}

/**
 * Lines longer than `max` wrapped, each continuation indented two more than the line. Width is the
 * visible width: a coloured line is wrapped where the same line without colour is, its colour kept.
 */
export function fitLines(lines: readonly string[], max: number | undefined): string[] {
  if (max === undefined) return [...lines];
  return lines.flatMap((line) => {
    const plain = line.replace(ANSI, '');
    if (width(plain) <= max || /^[┌│├└]/u.test(plain)) return [line];
    const indent = /^ */u.exec(plain)?.[0] ?? '';
    const more = `${indent}  `;
    const [first = '', ...rest] = wrap(plain.slice(indent.length), max - indent.length);
    const tail = rest.join('');
    const pieces = [indent + first, ...(tail === '' ? [] : wrap(tail, max - more.length))];
    const shown = plain === line ? pieces : recolour(line, pieces);
    return shown.map((p, i) => (i === 0 ? p : more + p));
  });
}

/**
 * The colour codes of `line` put back into its wrapped pieces (which are its visible text in order,
 * less the spaces wrapping dropped): each piece ends with a reset when colour is on, and the next
 * piece starts with the codes in force. Should the pieces not match (never expected), the plain pieces.
 */
/** Which opening SGR codes a closing one ends (chalk's pairs): 39 the colour, 49 the background, 22 bold/dim … */
function closes(close: number, open: number): boolean {
  if (close === 39) return (open >= 30 && open <= 38) || (open >= 90 && open <= 97);
  if (close === 49) return (open >= 40 && open <= 48) || (open >= 100 && open <= 107);
  if (close === 22) return open === 1 || open === 2;
  return close >= 23 && close <= 29 && open === close - 20;
}

/** The codes in force after `code`: a reset clears them, a closing code drops what it closes. */
function applyCode(codes: readonly string[], code: string): string[] {
  const n = Number(/^\u001b\[(\d*)/u.exec(code)?.[1] || '0');
  if (n === 0) return [];
  const first = (c: string): number => Number(/^\u001b\[(\d+)/u.exec(c)?.[1] ?? '-1');
  if (n === 39 || n === 49 || (n >= 22 && n <= 29)) return codes.filter((c) => !closes(n, first(c)));
  return [...codes, code];
}

function recolour(line: string, pieces: readonly string[]): string[] {
  const tokens = line.match(/\u001b\[[0-9;]*m|[^\u001b]/gu) ?? [];
  const out: string[] = [];
  let t = 0;
  let codes: string[] = []; // the opening codes in force
  for (const piece of pieces) {
    let s = codes.join('');
    const chars = [...piece];
    for (let i = 0; i < chars.length; t++) {
      const tok = tokens[t];
      if (tok === undefined) return [...pieces];
      if (tok.startsWith('\u001b')) {
        codes = applyCode(codes, tok);
        s += tok;
      } else if (tok === chars[i]) {
        s += tok;
        i++;
      } else if (!/^\s$/u.test(tok)) return [...pieces];
    }
    // Codes right after the piece's last character (its colour closing) stay on its line.
    for (; tokens[t]?.startsWith('\u001b') === true; t++) {
      const tok = tokens[t] ?? '';
      codes = applyCode(codes, tok);
      s += tok;
    }
    out.push(codes.length > 0 ? `${s}\u001b[0m` : s);
  }
  return out;
}
