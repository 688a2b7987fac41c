/**
 * Mark vocabulary of grid cells (SPEC §2.2). Full- and half-width both accepted (NFKC), surrounding
 * white space ignored. Anything not listed is unclear: the ballot is disputed, never silently guessed
 * (规程 10.选票检验: 疑难选票由选举领导小组认定).
 */
export type Mark = 'approve' | 'oppose' | 'abstain' | 'unclear';

const TABLE = new Map<string, Mark>();
for (const s of ['○', '〇', '◯', 'O', 'o', '√', '✓', '✔', '1', '同意', '赞成']) TABLE.set(s, 'approve');
for (const s of ['×', '✕', '✗', 'X', 'x', '反对']) TABLE.set(s, 'oppose');
for (const s of ['', '-', '弃权']) TABLE.set(s, 'abstain');

/** Cache of raw cell text → mark; cells repeat endlessly, so the normalisation runs once per spelling. */
const CACHE = new Map<string, Mark>();
const CACHE_LIMIT = 4096;

/** One-character cells (nearly all grid cells) by char code: no hashing, no normalisation. */
const SINGLE = new Map<number, Mark>();

export function parseMark(cell: string): Mark {
  if (cell.length === 0) return 'abstain';
  if (cell.length === 1) {
    const code = cell.charCodeAt(0);
    let m = SINGLE.get(code);
    if (m === undefined) {
      m = slowMark(cell);
      SINGLE.set(code, m);
    }
    return m;
  }
  const hit = CACHE.get(cell);
  if (hit !== undefined) return hit;
  const mark = slowMark(cell);
  if (CACHE.size < CACHE_LIMIT) CACHE.set(cell, mark);
  return mark;
}

function slowMark(cell: string): Mark {
  return TABLE.get(cell.normalize('NFKC').replace(/\s+/gu, '')) ?? TABLE.get(cell.trim()) ?? 'unclear';
}

export const MARK_LABEL: Readonly<Record<Mark, string>> = {
  approve: '赞成',
  oppose: '反对',
  abstain: '弃权',
  unclear: '无法确定',
};
