/**
 * `--format csv`: the tallies as one CSV table (csv-stringify). Section 1 (表=得票): one row per person
 * with their votes per office, 总得票数, 过半数 and 当选职务. Section 2 (表=唱票): one row per printed
 * candidate with 赞成/反对/弃权. The first column names the section so the file stays one rectangle.
 * Cells that begin with = + - @ TAB or CR are neutralised against formula injection.
 */
import { stringify } from 'csv-stringify/sync';
import type { CountResult } from '../../core/index.js';

export function escapeCsvCell(s: string): string {
  return /^[=+\-@\t\r]/u.test(s) ? `'${s}` : s;
}

export function renderCsv(r: CountResult): string {
  const offices = r.election.offices.map((o) => o.name);
  const header = ['表', '职务', '姓名', '印刷职务', ...offices.map((o) => `${o}票`), '总得票数', '过半数', '当选职务', '赞成', '反对', '弃权'];
  const rows: string[][] = [header];
  for (const p of r.people) {
    rows.push(['得票', '', p.name, p.printed ?? '另选', ...offices.map((o) => String(p.votes[o] ?? 0)), String(p.total), p.majority ? '是' : '否', p.elected ?? '', '', '', '']);
  }
  for (const o of r.offices) {
    for (const c of o.candidates) {
      rows.push(['唱票', o.name, c.name, o.name, ...offices.map(() => ''), '', '', '', String(c.approve), o.opposeKnown ? String(c.oppose) : '', String(o.opposeKnown ? c.abstain : c.abstain + c.oppose)]);
    }
  }
  return stringify(rows.map((row) => row.map(escapeCsvCell)), { record_delimiter: 'unix' });
}
