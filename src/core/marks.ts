/**
 * Mark vocabulary of grid cells (SPEC §2.2). Full- and half-width both accepted (NFKC), surrounding
 * white space ignored. Anything not listed is unclear: the ballot is disputed, never silently guessed
 * (规程 10.选票检验: 疑难选票由选举领导小组认定).
 */
import type { Election } from './model.js';
import { INVISIBLE } from './names.js';

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

/** The spelling a mark is looked up by: NFKC, white space and invisible characters removed. */
export function markKey(cell: string): string {
  return cell.normalize('NFKC').replace(/\s+/gu, '').replace(INVISIBLE, '');
}

function slowMark(cell: string): Mark {
  return TABLE.get(markKey(cell)) ?? TABLE.get(cell.trim()) ?? 'unclear';
}

const PARSERS = new WeakMap<Election, (cell: string) => Mark>();

/**
 * The mark vocabulary of one election: the table above, extended by `rules.approveMarks` and
 * `rules.opposeMarks` (a locality's own marks, e.g. `v`; election.json refuses a spelling that already
 * has a meaning). Without local marks this is `parseMark` itself (the hot path is unchanged).
 */
export function markParser(election: Election): (cell: string) => Mark {
  let p = PARSERS.get(election);
  if (p) return p;
  const approveMarks = election.rules.approveMarks ?? []; // absent: no local marks (SPEC §2.1 default)
  const opposeMarks = election.rules.opposeMarks ?? [];
  if (approveMarks.length === 0 && opposeMarks.length === 0) p = parseMark;
  else {
    const local = new Map<string, Mark>();
    for (const m of approveMarks) local.set(markKey(m), 'approve');
    for (const m of opposeMarks) local.set(markKey(m), 'oppose');
    const seen = new Map<string, Mark>();
    p = (cell: string): Mark => {
      const m = parseMark(cell);
      if (m !== 'unclear') return m;
      let x = seen.get(cell);
      if (x === undefined) {
        x = local.get(markKey(cell)) ?? 'unclear';
        if (seen.size < CACHE_LIMIT) seen.set(cell, x);
      }
      return x;
    };
  }
  PARSERS.set(election, p);
  return p;
}

export const MARK_LABEL: Readonly<Record<Mark, string>> = {
  approve: '赞成',
  oppose: '反对',
  abstain: '弃权',
  unclear: '无法确定',
};
