/**
 * Person names (SPEC §3 step 3): compared after Unicode NFKC, with all white space removed and the
 * middle-dot variants (· • ・ ‧ and their NFKC forms) made one; a person is named by that form.
 * No other folding: a traditional-character or otherwise different spelling is a different person.
 */

const MIDDLE_DOTS = /[\u00B7\u2022\u30FB\u2027\uFF65\u22C5\u2219\u0387]/gu;
const WHITE = /[\s\u200B\u2060\uFEFF]/gu;

export const CANONICAL_DOT = '·';

const CACHE = new Map<string, string>();

export function normalizeName(raw: string): string {
  if (raw === '') return '';
  const hit = CACHE.get(raw);
  if (hit !== undefined) return hit;
  const n = raw.normalize('NFKC').replace(WHITE, '').replace(MIDDLE_DOTS, CANONICAL_DOT);
  if (CACHE.size < 8192) CACHE.set(raw, n); // names repeat across ballots; the cache is bounded
  return n;
}

/** A written name may carry a residents' group suffix, `姓名(居民小组)` (half/full-width brackets, NFKC'd). */
export interface WrittenName {
  readonly name: string;
  readonly group?: string | undefined;
}

const SUFFIX = /^(.+?)\((.+)\)$/u;

/** Split an already-normalised name into name and optional `(居民小组)` suffix. */
export function splitGroup(normalized: string): WrittenName {
  const m = SUFFIX.exec(normalized);
  if (m && m[1] !== undefined && m[2] !== undefined) return { name: m[1], group: m[2] };
  return { name: normalized };
}

/** The display key of a homonym person: `姓名(居民小组)`. */
export function personKey(name: string, group?: string): string {
  return group === undefined || group === '' ? name : `${name}(${group})`;
}

/** Does a written name contain an unclear marker (SPEC §2.2: `?`/`？`)? Checked after NFKC, so `？` is `?`. */
export function isUnclearName(normalized: string): boolean {
  return normalized.includes('?');
}

/** Separators between names in a names-layout cell: 、 , ， ; ； (never spaces: names may contain ·). */
export const NAME_SEPARATORS = /[、,，;；]/u;

export function splitNames(cell: string): string[] {
  const out: string[] = [];
  for (const part of cell.split(NAME_SEPARATORS)) {
    const n = normalizeName(part);
    if (n !== '') out.push(n);
  }
  return out;
}
