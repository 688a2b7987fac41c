/**
 * The official sheets of the guideline's 文书范例 (SPEC §5 `jipiao report`, §6.1): 选举结果报告单, 选举结果公告,
 * 当选公告 (文书范例15) or 选举无效公告, 疑难选票认定表 (文书范例14) and the 再次投票 / 另行选举 notice.
 * Pure: a CountResult in, sheets (blocks.ts) out, plus notes on sheets held back and why.
 */
import type { CountResult } from '../../core/index.js';
import type { Sheet } from './blocks.js';
import { disputesSheet } from './disputes-sheet.js';
import { announcementSheet, announcementWithheld, invalidNotice, resultsNotice } from './notices.js';
import { reportSheet } from './report-sheet.js';
import { roundsNotice } from './rounds-notice.js';
import { joinNames } from './typography.js';

export { SHEET_IDS, type Block, type Sheet, type SheetId } from './blocks.js';
export { chineseDate } from './wording.js';

export function buildSheets(r: CountResult): Sheet[] {
  return [reportSheet(r), resultsNotice(r), announcementSheet(r), invalidNotice(r), disputesSheet(r), roundsNotice(r)].filter(
    (s): s is Sheet => s !== undefined,
  );
}

/** Sheets held back (or printed for some offices only) while disputed ballots could change the result, in words. */
export function sheetNotes(r: CountResult): string[] {
  const w = announcementWithheld(r);
  if (!w) return [];
  const notes = [
    announcementSheet(r)
      ? `当选公告只列出结果已确定的职务: ${w.reason}, 这些职务须认定后再公布`
      : `未生成当选公告: ${w.reason}; 请由选举领导小组认定 (rulings.csv) 后重新生成`,
  ];
  const open = [...r.revote, ...r.runoff].map((x) => x.office).filter((o) => w.offices.includes(o));
  if (open.length > 0) notes.push(`${joinNames([...new Set(open)])}的再次投票/另行选举公告须待疑难选票认定后再生成`);
  return notes;
}
