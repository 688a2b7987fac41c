import { charWidth } from '../render/text.js';
import { NO_LINE_END, NO_LINE_START, breakUnits } from './typography.js';

/** Display width of text in a fixed-width terminal or print font: one table for terminal and sheets (render/text.ts). */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0) as number);
  return w;
}

export function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

export function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - width(s))) + s;
}

/**
 * Wrap text to lines of at most `max` display columns. Chinese breaks between any two characters, but by the
 * line-breaking rules (禁则, typography.ts): no closing punctuation at the start of a line, no opening bracket
 * at its end (the character moves to the next line), and never inside a number or a Latin word.
 */
export function wrap(s: string, max: number): string[] {
  const lines: string[] = [];
  let cur: string[] = [];
  let w = 0;
  const flush = (): void => {
    lines.push(cur.join('').trimEnd());
    cur = [];
    w = 0;
  };
  for (const unit of breakUnits(s)) {
    const uw = width(unit);
    if (w + uw > max && cur.length > 0) {
      // 行首禁则: pull the last unit down with this one; 行尾禁则: an opening bracket goes down too.
      const carry: string[] = [];
      const last = (): string => cur[cur.length - 1] ?? '';
      if (NO_LINE_START.has(unit[0] ?? '')) {
        while (cur.length > 1 && NO_LINE_START.has(last()[0] ?? '')) carry.unshift(cur.pop() ?? '');
        if (cur.length > 1 && !/^\s$/u.test(last())) carry.unshift(cur.pop() ?? '');
      }
      while (cur.length > 1 && NO_LINE_END.has(last())) carry.unshift(cur.pop() ?? '');
      flush();
      for (const c of carry) {
        cur.push(c);
        w += width(c);
      }
      if (/^\s$/u.test(unit) && cur.length === 0) continue;
    }
    cur.push(unit);
    w += uw;
  }
  if (cur.length > 0 || lines.length === 0) flush();
  return lines;
}
