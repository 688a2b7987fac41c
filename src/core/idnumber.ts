/** 居民身份证号码 (GB 11643-1999): 18 digits with a MOD 11-2 check character, or the old 15-digit form. */
import { dateFromParts } from './dates.js';
import { must } from './must.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** The check character (MOD 11-2) for the first 17 digits of an 18-digit ID. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * must(ID_WEIGHTS[i], 'an ID-number weight');
  return must(ID_CHECK_CHARS[sum % 11], 'an ID-number check character');
}

export type IdInfo =
  | { readonly kind: 'malformed'; readonly normalized: string; readonly reason: string }
  | {
      readonly kind: 'id18' | 'id15';
      readonly normalized: string;
      /** The 18-digit form (a 15-digit ID upgraded: 19 inserted, check digit computed) — for comparison. */
      readonly as18: string;
      /** Birth date from the ID (YYYYMMDD). */
      readonly birth: number;
      /** 18-digit only: the check character the first 17 digits call for, when it differs. */
      readonly expectedCheck?: string | undefined;
    };

/** Upper-cased, NFKC (full-width digits become digits), white space removed. */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s/gu, '').toUpperCase();
}

/** Read a 身份证号: 18 digits (last may be X) with a MOD 11-2 check digit, or an old 15-digit number. */
export function parseIdNumber(raw: string): IdInfo {
  const id = normalizeIdNumber(raw);
  if (/^\d{17}[\dX]$/u.test(id)) {
    const birth = dateFromParts(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
    if (birth === undefined) return { kind: 'malformed', normalized: id, reason: `第 7–14 位 ${id.slice(6, 14)} 不是有效的出生日期` };
    const want = idCheckChar(id.slice(0, 17));
    return { kind: 'id18', normalized: id, as18: id, birth, ...(want !== id[17] ? { expectedCheck: want } : {}) };
  }
  if (/^\d{15}$/u.test(id)) {
    const birth = dateFromParts(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
    if (birth === undefined) return { kind: 'malformed', normalized: id, reason: `第 7–12 位 ${id.slice(6, 12)} 不是有效的出生日期` };
    const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
    return { kind: 'id15', normalized: id, as18: first17 + idCheckChar(first17), birth };
  }
  return { kind: 'malformed', normalized: id, reason: `应为 18 位 (末位可为 X) 或 15 位数字, 实为 ${[...id].length} 个字符` };
}
