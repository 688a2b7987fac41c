/** The sheets as plain text: fixed width, CJK-aware, every line at most 80 display columns. */
import type { Block, Sheet } from './sheets.js';
import { padEnd, padStart, width, wrap } from './width.js';

export const TEXT_WIDTH = 80;

function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[] = []): string[] {
  const n = head.length;
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const gap = 2;
  // Shrink the widest columns until the table fits, wrapping their cells.
  const total = (): number => widths.reduce((a, b) => a + b, 0) + gap * (n - 1);
  while (total() > TEXT_WIDTH) {
    let wi = 0;
    widths.forEach((w, i) => (w > (widths[wi] ?? 0) ? (wi = i) : undefined));
    const cur = widths[wi] ?? 0;
    if (cur <= 8) break;
    widths[wi] = cur - 1;
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
  const rule = '-'.repeat(Math.min(TEXT_WIDTH, total()));
  return [...render(head), rule, ...rows.flatMap((r) => render(r)), rule];
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'title': {
      const pad = Math.max(0, Math.floor((TEXT_WIDTH - width(b.text)) / 2));
      return [' '.repeat(pad) + b.text, ''];
    }
    case 'para':
      return wrap(b.text, TEXT_WIDTH);
    case 'table':
      return ['', ...table(b.head, b.rows, b.numeric), ''];
    case 'signatures': {
      const lines = [''];
      for (let i = 0; i < b.roles.length; i += 2) {
        const pair = b.roles.slice(i, i + 2).map((r) => padEnd(`${r} (签名): ____________`, 38));
        lines.push(pair.join('  ').trimEnd(), '');
      }
      lines.push(padStart(b.date, TEXT_WIDTH));
      return lines;
    }
    case 'right':
      return ['', ...b.lines.map((l) => padStart(l, TEXT_WIDTH))];
  }
}

export function sheetText(s: Sheet): string {
  return `${s.blocks.flatMap(block).join('\n')}\n`;
}

/** All sheets in one text file, separated by form feeds (a page break for printers). */
export function sheetsText(sheets: readonly Sheet[]): string {
  return sheets.map(sheetText).join('\f\n');
}
