/** Calendar dates as integers YYYYMMDD: no floats, no Date objects (the age check of `roll check`). */

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A calendar date from its digits, as the integer YYYYMMDD; undefined when no such day exists. */
export function dateFromParts(y: number, m: number, d: number): number | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return y * 10000 + m * 100 + d;
}

/** `YYYY-MM-DD` → YYYYMMDD, undefined when malformed or not a real day. */
export function parseIsoDate(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(s.trim());
  if (!m) return undefined;
  return dateFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** YYYYMMDD → `YYYY-MM-DD`. */
export function formatDate(ymd: number): string {
  const y = String((ymd - (ymd % 10000)) / 10000).padStart(4, '0');
  const md = ymd % 10000;
  const m = String((md - (md % 100)) / 100).padStart(2, '0');
  const d = String(md % 100).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Full years of age on `day` for someone born on `birth` (both YYYYMMDD); negative when born after
 * `day`. The birthday itself counts: born 2008-12-20 is 18 on 2026-12-20.
 */
export function ageOn(birth: number, day: number): number {
  const diff = day - birth;
  if (diff < 0) return -1;
  return (diff - (diff % 10000)) / 10000;
}
