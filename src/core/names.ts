/**
 * Person names (SPEC §2.2 "What a written name may be", §3 step 3): compared after Unicode NFKC, with
 * invisible characters removed and the middle-dot variants (· • ・ ‧ and their NFKC forms) made one; a
 * person is named by that form. Traditional characters are never folded into another person: a written
 * name that is a printed candidate in traditional characters is disputed (nearness, below).
 */
const MIDDLE_DOTS = /[\u00B7\u2022\u30FB\u2027\uFF65\u22C5\u2219\u0387]/gu;
/**
 * Invisible characters (SPEC §3 step 3): zero-width U+200B–U+200F, U+2060–U+2064, U+FEFF, soft hyphen
 * U+00AD, bidi controls U+202A–U+202E and the isolates U+2066–U+2069, Mongolian vowel separator U+180E.
 */
export const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;
/** Control characters other than white space (NUL …): never part of a name or a 票号. */
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const CONTROLS = new RegExp(CONTROL.source, 'gu');
const WHITE = /\s+/gu;

export const CANONICAL_DOT = '·';

/**
 * Text NFKC leaves as it is and that holds nothing to remove: printable ASCII and the CJK ideographs
 * (U+3400–U+4DBF, U+4E00–U+9FFF; the compatibility ideographs are elsewhere). Nearly every roll name,
 * group and ID is such text: it skips the normalisation (issue 17: a roll is read per election).
 */
const PLAIN_TEXT = /^[\u0020-\u007E\u3400-\u4DBF\u4E00-\u9FFF]*$/u;
/** The same without white space: a name in its identity form already. */
const PLAIN_NAME = /^[\u0021-\u007E\u3400-\u4DBF\u4E00-\u9FFF]*$/u;

/** NFKC with invisible characters removed (no other change). */
export function cleanText(raw: string): string {
  if (PLAIN_TEXT.test(raw)) return raw;
  return raw.normalize('NFKC').replace(INVISIBLE, '');
}

const CACHE = new Map<string, string>();

/**
 * The identity form of a name (printed candidates, roll entries): NFKC, invisible and control characters
 * and all white space removed, middle dots unified.
 */
export function normalizeName(raw: string): string {
  if (PLAIN_NAME.test(raw)) return raw;
  const hit = CACHE.get(raw);
  if (hit !== undefined) return hit;
  const n = cleanText(raw).replace(CONTROLS, '').replace(WHITE, '').replace(MIDDLE_DOTS, CANONICAL_DOT);
  if (CACHE.size < 8192) CACHE.set(raw, n); // names repeat across ballots; the cache is bounded
  return n;
}

const WRITTEN = new Map<string, string>();

/**
 * A written name as typed, made comparable but not yet judged: NFKC, invisible characters removed,
 * middle dots unified, white space collapsed to one space and trimmed (white space inside is resolved by
 * the rules of SPEC §2.2 item 4); control characters are kept so that the name is found unclear.
 */
export function cleanWritten(raw: string): string {
  if (raw === '') return '';
  const hit = WRITTEN.get(raw);
  if (hit !== undefined) return hit;
  // White space next to a middle dot is no separator (`阿依古丽 · 买买提`): it goes with the dot.
  const n = cleanText(raw).replace(MIDDLE_DOTS, CANONICAL_DOT).replace(WHITE, ' ').replace(/ ?· ?/gu, CANONICAL_DOT).trim();
  if (WRITTEN.size < 8192) WRITTEN.set(raw, n);
  return n;
}

const PLAIN_TICKET = /^[0-9A-Za-z_.\-/#]+$/u;

/**
 * The identity of a 票号 (SPEC §2.2): NFKC, invisible characters removed, trimmed — `０００００１`, `000001`
 * with a zero-width space and `000001` are one ballot. Plain ASCII 票号 (nearly all) take no normalisation.
 * Control characters are refused by the reader (`hasControl`).
 */
export function isPlainTicket(t: string): boolean {
  return PLAIN_TICKET.test(t);
}

export function ticketKey(raw: string): string {
  if (PLAIN_TICKET.test(raw)) return raw;
  return cleanText(raw).trim();
}

export function hasControl(s: string): boolean {
  return CONTROL.test(s);
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

/** The items of a names-layout cell, each `cleanWritten` (white space inside an item kept). */
export function splitNames(cell: string): string[] {
  const out: string[] = [];
  if (cell === '') return out;
  for (const part of cell.split(NAME_SEPARATORS)) {
    const n = cleanWritten(part);
    if (n !== '') out.push(n);
  }
  return out;
}

/** SPEC §2.2 item 1: Han characters, optionally in parts joined by `·` (〇 is a mark, not a name). */
const HAN_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u;

export function isWellFormedName(n: string): boolean {
  return HAN_NAME.test(n) && !n.includes('〇');
}

/** Why a written item is not a name (SPEC §2.2 item 2), for the disputed list. */
export type NameProblem = 'control' | 'mark' | 'number' | 'markAttached' | 'separator' | 'notName';

const MARK_CHARS = '○〇◯Oo√✓✔×✕✗Xx✘☑☒√';
const MARK_WORDS = /^(?:同意|赞成|反对|弃权|[○〇◯Oo√✓✔×✕✗Xx\-1])$/u;
const ATTACHED = new RegExp(`^(?:[${MARK_CHARS}]+\\p{Script=Han}{2,}|\\p{Script=Han}{2,}[${MARK_CHARS}]+)$`, 'u');
const SEPARATED = /^\p{Script=Han}+(?:[^\p{Script=Han}\s·]+\p{Script=Han}+)+$/u;

/** Classify a cleaned item that is not well-formed. `isMark` says whether the item reads as a mark. */
export function nameProblem(n: string, isMark: boolean): NameProblem {
  if (CONTROL.test(n)) return 'control';
  if (isMark) return 'mark';
  if (/^\d+$/u.test(n)) return 'number';
  const g = splitGroup(n);
  if (g.group !== undefined && MARK_WORDS.test(g.group)) return 'markAttached';
  if (ATTACHED.test(n)) return 'markAttached';
  if (SEPARATED.test(n)) return 'separator';
  return 'notName';
}

/** Traditional → simplified (mainland) characters: OpenCC `t → cn`, supplied by the edge (useSimplifier). */
export type ToSimplified = (s: string) => string;

let toSimplified: ToSimplified | undefined;
const SIMPLIFIED = new Map<string, string>();
let simplifierChanges = 0;

/** Changes each time another converter is handed in: what was decided with the old one may differ. */
export function simplifierVersion(): number {
  return simplifierChanges;
}

/**
 * The edge hands the core its converter (issue 17: opencc-js is loaded only when a written name needs
 * it, never at start-up; the core stays pure and synchronous). Called once by the CLI before counting.
 */
export function useSimplifier(f: ToSimplified): void {
  if (toSimplified !== f) {
    SIMPLIFIED.clear();
    simplifierChanges++;
  }
  toSimplified = f;
}

/** A name in simplified characters (SPEC §2.2 item 5), through the converter the edge supplied. */
export function simplified(s: string): string {
  const hit = SIMPLIFIED.get(s);
  if (hit !== undefined) return hit;
  if (toSimplified === undefined) throw new Error('core/names: no traditional → simplified converter (useSimplifier was not called)');
  const out = toSimplified(s);
  if (SIMPLIFIED.size < 4096) SIMPLIFIED.set(s, out);
  return out;
}

/** How a written name is near a printed candidate (SPEC §2.2 item 5). */
export interface Near {
  readonly candidate: string;
  /** `oneChar`: same surname, one other character different; `traditional`: the candidate in traditional characters. */
  readonly why: 'oneChar' | 'traditional';
}

/**
 * SPEC §2.2 item 5: the printed candidate that a written name (not a known person) is near to, if any —
 * the candidate written in traditional characters, or (three or more characters) the same surname and
 * length with exactly one other character different (`张建囯` for `张建国`; `尹建华` is not near `卢建华`).
 */
export function nearCandidate(n: string, candidates: Iterable<string>): Near | undefined {
  const chars = [...n];
  let t: string | undefined;
  for (const c of candidates) {
    const cc = [...c];
    if (chars.length >= 3 && cc.length === chars.length && cc[0] === chars[0]) {
      let diff = 0;
      for (let i = 1; i < cc.length && diff < 2; i++) if (cc[i] !== chars[i]) diff++;
      if (diff === 1) return { candidate: c, why: 'oneChar' };
    }
    t ??= simplified(n);
    if (t !== n && t === c) return { candidate: c, why: 'traditional' };
  }
  return undefined;
}
