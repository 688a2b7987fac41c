/**
 * `--format csv` (SPEC §5): the tallies as ONE rectangular CSV table (csv-stringify), so that it opens
 * as one sheet in Excel/WPS and loads into any tool. The first column `表` says what a row is:
 *
 *   表,姓名,印刷职务,<职务1>票,…,<职务n>票,总得票数,过半数,当选职务,赞成,反对,弃权,未赞成
 *   得票  one row per person (every printed candidate, then the write-ins, as `people` in the JSON):
 *         印刷职务 = the office printed for them, or `另选`; votes per office; 总得票数; 过半数 是/否
 *         (2 × 总得票数 > 收回选票, 第三十八条); 当选职务 (empty when not elected). 赞成…未赞成 empty.
 *   唱票  one row per printed candidate and office (the 唱票 sheet, 规程 9(15)): 印刷职务 = the office;
 *         赞成/反对/弃权 counted from the non-void sections; 未赞成 = 反对 + 弃权. When the ballots did
 *         not record opposition (names layout without `<职务>:反对`), 反对 and 弃权 are empty and only
 *         未赞成 is given. The vote columns are empty.
 *
 *   未提供  only when boxes were counted from a tally sheet (计票统计表, `--tallies`): one row per thing a
 *         tally cannot give, as the terminal and JSON list it — 姓名 = the gap in words with its boxes,
 *         印刷职务 = its office (反对/弃权 not given), or empty. The other cells are empty.
 *
 * Numbers are plain integers. Lines end with \n; a header row comes first. Every cell that begins with
 * a character a spreadsheet would read as the start of a formula is neutralised (escapeCsvCell).
 */
import { stringify } from 'csv-stringify/sync';
import type { CountResult } from '../../core/index.js';
import { talliedCsvRows } from './tallied.js';

/**
 * Formula-injection guard (OWASP CSV injection; CWE-1236): a cell beginning with = + - @ TAB or CR —
 * and, defensively, NUL or the full-width forms ＝ ＋ － ＠ that a Chinese input method produces — is
 * prefixed with a single quote, so a spreadsheet shows it as text instead of evaluating it.
 */
export function escapeCsvCell(s: string): string {
  return /^[=+\-@\t\r\0＝＋－＠]/u.test(s) ? `'${s}` : s;
}

/**
 * Every CSV written for people starts with a UTF-8 BOM: Excel on a Chinese Windows otherwise reads the
 * file as GBK and shows mojibake. jipiao's own readers skip it (csv-parse `bom: true`).
 */
export const BOM = '\uFEFF';

/** csv-stringify options shared by every CSV the renderers write: \n line ends, a lone CR is quoted too. */
export const CSV_OPTIONS = { record_delimiter: 'unix', quoted_match: /\r/u } as const;

export function csvHeader(r: CountResult): string[] {
  return [
    '表',
    '姓名',
    '印刷职务',
    ...r.election.offices.map((o) => `${o.name}票`),
    '总得票数',
    '过半数',
    '当选职务',
    '赞成',
    '反对',
    '弃权',
    '未赞成',
  ];
}

export function renderCsv(r: CountResult): string {
  const offices = r.election.offices.map((o) => o.name);
  const header = csvHeader(r);
  const rows: string[][] = [header];
  for (const p of r.people) {
    rows.push([
      '得票',
      p.name,
      p.printed ?? '另选',
      ...offices.map((o) => String(p.votes[o] ?? 0)),
      String(p.total),
      p.majority ? '是' : '否',
      p.elected ?? '',
      '',
      '',
      '',
      '',
    ]);
  }
  for (const o of r.offices) {
    for (const c of o.candidates) {
      rows.push([
        '唱票',
        c.name,
        o.name,
        ...offices.map(() => ''),
        '',
        '',
        '',
        String(c.approve),
        o.opposeKnown ? String(c.oppose) : '',
        o.opposeKnown ? String(c.abstain) : '',
        String(c.oppose + c.abstain),
      ]);
    }
  }
  rows.push(...talliedCsvRows(r, header.length));
  return (
    BOM +
    stringify(
      rows.map((row) => row.map(escapeCsvCell)),
      CSV_OPTIONS,
    )
  );
}
