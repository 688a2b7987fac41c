/**
 * Typography of official Chinese documents (党政机关公文格式 GB/T 9704 practice): full-width punctuation in
 * running text (，：；（）), names separated by `、`, numbers left as they are, and the line-breaking rules
 * (禁则, after JIS X 4051 / CLREQ) used when the .txt sheets wrap their lines.
 */

const CJK = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u2e80-\\u2fff\\u{20000}-\\u{3fffd}';
const HALF_TO_FULL: Readonly<Record<string, string>> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）', '?': '？', '!': '！' };

const BETWEEN = new RegExp(`(?<=[${CJK}「」『』])\\s*([,:;?!])\\s*`, 'gu');
const AFTER_CJK_BEFORE = new RegExp(`\\s*([,:;])\\s*(?=[${CJK}「『（])`, 'gu');
const OPEN = new RegExp(`\\s*\\((?=[^()]*[${CJK}])`, 'gu');
const CLOSE = new RegExp(`(?<=（[^()（）]*)\\)\\s*`, 'gu');

/**
 * Running text in formal typography: a half-width `, : ; ? !` next to Chinese text becomes full-width (and
 * takes no spaces around it), `( … )` holding Chinese becomes `（ … ）`. Digits, Latin text and a colon or
 * comma between digits (`7:0`, `1,200`) are left as they are.
 */
export function formal(s: string): string {
  let t = s.replace(BETWEEN, (_m, p: string) => HALF_TO_FULL[p] ?? p);
  t = t.replace(AFTER_CJK_BEFORE, (_m, p: string) => HALF_TO_FULL[p] ?? p);
  t = t.replace(OPEN, '（').replace(CLOSE, '）');
  // No space is set around full-width punctuation (it carries its own).
  return t.replace(/\s*([，：；（）。、？！「」])\s*/gu, (_m, p: string) => p).replace(/（\s+/gu, '（');
}

/** Text ending with a full stop (。) unless it already ends with closing punctuation. */
export function sentence(s: string): string {
  return /[。！？；]$/u.test(s) ? s : `${s}。`;
}

/** Names in a list: separated by the 顿号 `、` (never by spaces or commas). */
export function joinNames(names: readonly string[]): string {
  return names.join('、');
}

/** Characters that must not begin a line (行首禁则): closing punctuation, pause marks, small kana-like marks. */
export const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·%‰℃,.;:?!)]}>』〗']);
/** Characters that must not end a line (行尾禁则): opening brackets and quotes. */
export const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{<〖']);

/**
 * The text cut into units that are never broken across lines: a run of digits (with `.` `,` `:` `/` `-`
 * inside it, e.g. `2026`, `7:0`, `1,200`), a Latin word, or one other character.
 */
export function breakUnits(s: string): string[] {
  return s.match(/[0-9][0-9.,:/-]*[0-9]|[0-9]+|[A-Za-z][A-Za-z0-9_'-]*|[\s\S]/gu) ?? [];
}
