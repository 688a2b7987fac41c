/**
 * Double entry at the venue (issue 19, issue 16's `verify` rules): a second station types the same
 * ballots; the k-th ballot it types for a 票箱 is compared with the k-th ballot of that 票箱 on the main
 * track. `differingCells` is the one place the comparison of two rows lives.
 * TODO(issue 16): use the verify module's comparison here once it is on main.
 */
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

/** Cells that differ between two typings of one ballot (票号 and 票箱 are not typed, so not compared). */
export function differingCells(header: readonly string[], first: readonly string[], second: readonly string[]): CellDifference[] {
  const out: CellDifference[] = [];
  header.forEach((column, i) => {
    if (column === '票号' || column === '票箱') return;
    const a = (first[i] ?? '').trim();
    const b = (second[i] ?? '').trim();
    if (a !== b) out.push({ column, first: a, second: b });
  });
  return out;
}

/** Every position typed on both tracks whose two typings differ. */
export function mismatches(header: readonly string[], main: readonly Entry[], check: readonly Entry[]): Mismatch[] {
  const byBox = new Map<string, Entry[]>();
  for (const e of main) {
    const list = byBox.get(e.box) ?? [];
    list.push(e);
    byBox.set(e.box, list);
  }
  const out: Mismatch[] = [];
  for (const c of check) {
    const position = Number(c.ticket);
    const m = byBox.get(c.box)?.[position - 1];
    if (!m) continue;
    const differences = differingCells(header, m.cells, c.cells);
    if (differences.length > 0) out.push({ box: c.box, position, ticket: m.ticket, differences });
  }
  return out.sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0));
}
