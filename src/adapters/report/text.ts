/** The sheets as plain text: fixed width, CJK-aware, every line at most 80 display columns. */
import type { Block, Sheet } from './sheets.js';
import { padEnd, padStart, width, wrap } from './width.js';

export const TEXT_WIDTH = 80;

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly boolean[] = [],
  nowrap: readonly boolean[] = [],
): string[] {
  const n = head.length;
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const total = (gap: number): number => widths.reduce((a, b) => a + b, 0) + gap * (n - 1);
  const gap = total(2) <= TEXT_WIDTH ? 2 : 1;
  // Shrink the widest column that may still shrink until the table fits, wrapping its cells: a column
  // marked nowrap (names, 编号, 票号, figures) only down to its widest value (its header may wrap).
  const floor = head.map((_, i) => (nowrap[i] ? Math.max(2, ...rows.map((r) => width(r[i] ?? ''))) : 8));
  while (total(gap) > TEXT_WIDTH) {
    let wi = -1;
    widths.forEach((w, i) => (w > (floor[i] ?? 0) && (wi < 0 || w > (widths[wi] ?? 0)) ? (wi = i) : undefined));
    if (wi < 0) break;
    widths[wi] = (widths[wi] ?? 0) - 1;
  }
  const render = (cells: readonly string[]): string[] => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i] ?? 1));
    const height = Math.max(...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let l = 0; l < height; l++) {
      out.push(
        wrapped
          .map((w, i) => {
            const s = w[l] ?? '';
            return numeric[i] ? padStart(s, widths[i] ?? 0) : padEnd(s, widths[i] ?? 0);
          })
          .join(' '.repeat(gap))
          .trimEnd(),
      );
    }
    return out;
  };
  const rule = '-'.repeat(Math.min(TEXT_WIDTH, total(gap)));
  return [...render(head), rule, ...rows.flatMap((r) => render(r)), rule];
}

const center = (t: string): string => ' '.repeat(Math.max(0, Math.floor((TEXT_WIDTH - width(t)) / 2))) + t;

function signatureLines(b: Extract<Block, { kind: 'signatures' }>): string[] {
  const lines = [''];
  const cells = b.roles.map((r) => `${r}（签名）：＿＿＿＿＿＿`);
  const col = Math.max(...cells.map(width));
  // Two to a line when two fit in the width, else one.
  const perLine = 2 * col + 4 <= TEXT_WIDTH ? 2 : 1;
  for (let i = 0; i < cells.length; i += perLine)
    lines.push(
      cells
        .slice(i, i + perLine)
        .map((c) => padEnd(c, col))
        .join('    ')
        .trimEnd(),
      '',
    );
  if (b.seal) lines.push(padStart(b.seal, TEXT_WIDTH));
  if (b.date) lines.push(padStart(b.date, TEXT_WIDTH));
  return lines;
}

/** Label–value items packed on lines, an item broken only when it is wider than a line. */
function fieldLines(items: readonly string[]): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines[lines.length - 1];
    if (last !== undefined && width(last) + 4 + width(item) <= TEXT_WIDTH) lines[lines.length - 1] = `${last}　　${item}`;
    else lines.push(...wrap(item, TEXT_WIDTH));
  }
  return lines;
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'title':
      return [...(b.over ? [center(b.over)] : []), center(b.text), ''];
    case 'para':
      return wrap(b.indent ? `　　${b.text}` : b.text, TEXT_WIDTH);
    case 'fields':
      return fieldLines(b.items.map(([k, v]) => `${k}：${v}`));
    case 'table':
      return ['', ...(b.caption ? [b.caption] : []), ...table(b.head, b.rows, b.numeric, b.nowrap), ''];
    case 'signatures':
      return signatureLines(b);
    case 'right':
      return ['', ...b.lines.map((l) => padStart(l, TEXT_WIDTH))];
    case 'keep':
      return b.blocks.flatMap(block);
  }
}

export function sheetText(s: Sheet): string {
  return `${s.blocks.flatMap(block).join('\n')}\n`;
}

/** All sheets in one text file, separated by form feeds (a page break for printers). */
export function sheetsText(sheets: readonly Sheet[]): string {
  return sheets.map(sheetText).join('\f\n');
}
