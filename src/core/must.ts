/**
 * Invariants asserted, not defaulted away (issue 18). Where a value must exist — a cell of a row whose width
 * was checked, an entry of an array made one per office — `must` says so: a missing value is a bug, thrown
 * as an internal Error (the CLI's exit 70 path), never an input error and never a silent '' or 0. A genuine
 * default (an absent count is 0, an optional field is empty) stays a `??` with a short comment saying why.
 */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`jipiao invariant broken: ${what} is missing`);
  return value;
}
