/**
 * Names in 姓氏笔画 order (`Intl.Collator('zh-u-co-stroke')`), one collator for the whole program, built
 * on first use: building it loads ICU collation data (tens of milliseconds), which a command that never
 * sorts names (`--help`, most counts) should not pay at start-up (issue 17). Pure.
 */
let collator: Intl.Collator | undefined;

export const stroke = {
  compare(a: string, b: string): number {
    collator ??= new Intl.Collator('zh-u-co-stroke');
    return collator.compare(a, b);
  },
};

/** Names in 姓氏笔画 order, then code point: a total order, so equal-stroke names never keep input order. */
export function byStroke(a: string, b: string): number {
  return stroke.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
