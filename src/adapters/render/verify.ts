/**
 * The output of `jipiao verify` and `count --verify-with` (issue 16): the differences between two
 * entries of the same ballots, grouped by ballot — as a Chinese list the 监票人 can sign, as one CSV
 * table, or as JSON (`jipiao.verify/1`). Deterministic: no timestamps, the core's 票号 order.
 */
import { stringify } from 'csv-stringify/sync';
import {
  type BallotDiff,
  type BallotStatus,
  type CellDiff,
  type InputFile,
  MARK_LABEL,
  type MarkMeaning,
  TOOL,
  type VerifyResult,
  entriesAgree,
} from '../../core/index.js';
import { CSV_OPTIONS, escapeCsvCell } from './csv.js';
import { columns } from './text.js';

export const VERIFY_SCHEMA = 'jipiao.verify/1';

const STATUS_LABEL: Readonly<Record<BallotStatus, string>> = { normal: '正常', unreadable: '无法辨认', disputed: '疑难' };
const KIND_LABEL: Readonly<Record<CellDiff['kind'] | 'onlyFirst' | 'onlySecond', string>> = {
  status: '状态',
  box: '票箱',
  mark: '符号',
  written: '另选姓名',
  unclear: '无法辨认的内容',
  onlyFirst: '只在第一次录入中',
  onlySecond: '只在第二次录入中',
};

function markText(m: MarkMeaning): string {
  if (m.mark === 'notApprove') return '未赞成';
  if (m.mark === 'unclear') return `${MARK_LABEL.unclear}「${m.raw ?? ''}」`;
  return MARK_LABEL[m.mark];
}

const listText = (xs: readonly string[], none: string): string => (xs.length === 0 ? none : xs.join('、'));

/** Column and the two values of a cell difference, in words. */
export function cellText(d: CellDiff): { column: string; first: string; second: string } {
  switch (d.kind) {
    case 'status':
      return { column: '状态', first: STATUS_LABEL[d.first], second: STATUS_LABEL[d.second] };
    case 'box':
      return { column: '票箱', first: d.first, second: d.second };
    case 'mark':
      return { column: `${d.office}:${d.candidate}`, first: markText(d.first), second: markText(d.second) };
    case 'written':
      return { column: `${d.office}:另选`, first: listText(d.first, '(未写)'), second: listText(d.second, '(未写)') };
    case 'unclear':
      return { column: `${d.office}:无法辨认的内容`, first: listText(d.first, '(无)'), second: listText(d.second, '(无)') };
  }
}

const placeText = (p: { file: string; line: number } | undefined): string => (p ? `${p.file} 第 ${p.line} 行` : '');

function ballotLines(b: BallotDiff): string[] {
  if (!b.second) return [`票号 ${b.ticket}  只在第一次录入中 (${placeText(b.first)})`];
  if (!b.first) return [`票号 ${b.ticket}  只在第二次录入中 (${placeText(b.second)})`];
  const rows = b.cells.map((d) => {
    const t = cellText(d);
    return [t.column, `第一次: ${t.first}`, `第二次: ${t.second}`];
  });
  return [`票号 ${b.ticket}  (${placeText(b.first)} / ${placeText(b.second)})`, ...columns(rows, '    ')];
}

/** Counts for the closing lines and the JSON. */
function tallyOf(r: VerifyResult): { differ: number; onlyFirst: number; onlySecond: number } {
  return {
    differ: r.ballots.filter((b) => b.first && b.second).length,
    onlyFirst: r.ballots.filter((b) => !b.second).length,
    onlySecond: r.ballots.filter((b) => !b.first).length,
  };
}

/** The list of differences with a summary the 监票人 can sign. */
export function renderVerifyText(r: VerifyResult): string {
  const t = tallyOf(r);
  const out = [
    '两次录入核对 (双人录入)',
    `  第一次录入: ${r.firstFiles.join('、')} (${r.firstBallots} 张)`,
    `  第二次录入: ${r.secondFiles.join('、')} (${r.secondBallots} 张)`,
    '',
  ];
  if (r.ballots.length > 0) {
    out.push(`不一致之处 (按票号, ${r.ballots.length} 张选票):`);
    for (const b of r.ballots) out.push(...ballotLines(b).map((l) => `  ${l}`));
    out.push('');
  }
  out.push(
    `两次录入共有票号 ${r.paired} 张, 其中一致 ${r.agree} 张, 不一致 ${t.differ} 张; 只在第一次录入中 ${t.onlyFirst} 张, 只在第二次录入中 ${t.onlySecond} 张。`,
  );
  out.push(
    entriesAgree(r)
      ? `结论: 两次录入完全一致 (${r.agree} 张), 可以计票。`
      : '结论: 两次录入不一致; 请对照纸质选票更正录入后重新核对, 一致后才能计票。',
  );
  out.push('', '录入人 (签名): ____________  ____________    监票人 (签名): ____________');
  return `${out.join('\n')}\n`;
}

/** One CSV table: one row per difference (a ballot on one side only is one row). */
export function renderVerifyCsv(r: VerifyResult): string {
  const rows: string[][] = [['票号', '差异', '列', '第一次录入', '第二次录入', '第一次录入位置', '第二次录入位置']];
  for (const b of r.ballots) {
    const where = [placeText(b.first), placeText(b.second)];
    if (!b.first || !b.second) rows.push([b.ticket, KIND_LABEL[b.first ? 'onlyFirst' : 'onlySecond'], '', '', '', ...where]);
    for (const d of b.first && b.second ? b.cells : []) {
      const t = cellText(d);
      rows.push([b.ticket, KIND_LABEL[d.kind], t.column, t.first, t.second, ...where]);
    }
  }
  return stringify(
    rows.map((row) => row.map(escapeCsvCell)),
    CSV_OPTIONS,
  );
}

function cellJson(d: CellDiff): Record<string, unknown> {
  const t = cellText(d);
  const value = (x: unknown): unknown =>
    typeof x === 'object' && x !== null && !Array.isArray(x) ? { mark: (x as MarkMeaning).mark, raw: (x as MarkMeaning).raw ?? null } : x;
  return {
    kind: d.kind,
    office: 'office' in d ? d.office : null,
    candidate: d.kind === 'mark' ? d.candidate : null,
    first: value(d.first),
    second: value(d.second),
    column: t.column,
    text: `第一次: ${t.first}; 第二次: ${t.second}`,
  };
}

/** The verification as data; `inputs` are the files of both sides with their hashes. */
export function verifyToJson(r: VerifyResult, inputs: readonly InputFile[]): Record<string, unknown> {
  const t = tallyOf(r);
  return {
    schema: VERIFY_SCHEMA,
    tool: TOOL,
    inputs: inputs.map((i) => ({ file: i.file, sha256: i.sha256, role: i.role })),
    agree: entriesAgree(r),
    first: { files: [...r.firstFiles], ballots: r.firstBallots },
    second: { files: [...r.secondFiles], ballots: r.secondBallots },
    paired: r.paired,
    same: r.agree,
    differ: t.differ,
    onlyFirst: t.onlyFirst,
    onlySecond: t.onlySecond,
    ballots: r.ballots.map((b) => ({
      ticket: b.ticket,
      first: b.first ? { ...b.first } : null,
      second: b.second ? { ...b.second } : null,
      differences: b.cells.map(cellJson),
    })),
  };
}

export function renderVerifyJson(r: VerifyResult, inputs: readonly InputFile[]): string {
  return `${JSON.stringify(verifyToJson(r, inputs), null, 2)}\n`;
}
