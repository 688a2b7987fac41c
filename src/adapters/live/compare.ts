/**
 * Double entry at the venue (issue 19): a second station types the same ballots; the k-th ballot it
 * types for a 票箱 is compared with the k-th ballot of that 票箱 on the main track — by the core's
 * `verify` rules (issue 16, src/core/verify.ts), so live and `jipiao verify` find the same differences:
 * ○/〇 are one mark, written names in another order are the same, a name typed differently is not.
 * Only positions typed on both tracks are compared (the other station may simply be behind).
 */
import { type Election, type RawRow, byTicket, verifyEntries } from '../../core/index.js';
import { cellText } from '../render/verify.js';
import { errorMessage } from '../messages.js';
import type { Entry } from './journal.js';

export interface CellDifference {
  readonly column: string;
  readonly first: string;
  readonly second: string;
}

export interface Mismatch {
  readonly box: string;
  /** Position within the 票箱 (1-based). */
  readonly position: number;
  /** The main track's 票号 at that position. */
  readonly ticket: string;
  readonly differences: readonly CellDifference[];
}

interface Pair {
  readonly main: Entry;
  readonly check: Entry;
  readonly position: number;
}

/** The positions typed on both tracks. */
function pairs(main: readonly Entry[], check: readonly Entry[]): Pair[] {
  const byBox = new Map<string, Entry[]>();
  for (const e of main) {
    const box = byBox.get(e.box);
    if (box) box.push(e);
    else byBox.set(e.box, [e]);
  }
  const out: Pair[] = [];
  for (const c of check) {
    const position = Number(c.ticket);
    const m = byBox.get(c.box)?.[position - 1];
    if (m) out.push({ main: m, check: c, position });
  }
  return out;
}

/** The pairs as the two entries of `verify`; the check row typed under the main row's 票号 and 票箱. */
function entryRows(header: readonly string[], ps: readonly Pair[], track: 'main' | 'check'): RawRow[] {
  const file = track === 'main' ? '录入' : '复核';
  const rows: RawRow[] = [{ file, line: 1, cells: header }];
  ps.forEach((p, i) =>
    rows.push({ file, line: i + 2, cells: track === 'main' ? p.main.cells : [...p.main.cells.slice(0, 2), ...p.check.cells.slice(2)] }),
  );
  return rows;
}

const mismatchOf = (p: Pair, differences: readonly CellDifference[]): Mismatch => ({
  box: p.main.box,
  position: p.position,
  ticket: p.main.ticket,
  differences,
});

/**
 * Every position typed on both tracks whose two typings differ, in 票号 order. A typing the count
 * could not read (e.g. a write-in that looks like a totals row) is shown as a difference of its own.
 */
export function mismatches(election: Election, header: readonly string[], main: readonly Entry[], check: readonly Entry[]): Mismatch[] {
  let ps = pairs(main, check);
  const unreadable: Mismatch[] = [];
  for (;;) {
    if (ps.length === 0) return unreadable;
    const r = verifyEntries(
      [{ file: '录入', rows: entryRows(header, ps, 'main') }],
      [{ file: '复核', rows: entryRows(header, ps, 'check') }],
      election,
    );
    if (r.ok) {
      const pairOf = new Map(ps.map((p) => [p.main.ticket, p]));
      const found = r.value.ballots.map((b) => {
        const p = pairOf.get(b.ticket);
        if (!p || !b.first || !b.second) throw new Error(`live double entry: ballot ${b.ticket} not paired`);
        return mismatchOf(p, b.cells.map(cellText));
      });
      return [...found, ...unreadable].sort(byTicket);
    }
    // Set the unreadable pairs aside (their line is the pair's index + 2) and compare the rest.
    const bad = new Map<number, string[]>();
    for (const e of r.error) {
      const i = (e.line ?? 0) - 2;
      if (i < 0 || i >= ps.length) throw new Error(`live double entry: ${e.code} outside the journal rows`);
      bad.set(i, [...(bad.get(i) ?? []), `${e.file === '录入' ? '录入' : '复核'}: ${errorMessage(e)}`]);
    }
    unreadable.push(
      ...[...bad].map(([i, why]) => mismatchOf(ps[i] as Pair, [{ column: '整张选票', first: why.join('; '), second: '无法按选票读取' }])),
    );
    ps = ps.filter((_, i) => !bad.has(i));
  }
}
