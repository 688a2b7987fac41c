/**
 * `--ballot-log FILE` (SPEC §5): one CSV row per input ballot — the audit trail that every ballot was
 * counted exactly once (rows = valid + partial + invalid + disputed). Columns:
 *
 *   票号,票箱,文件,行,类别,原因,原读,认定
 *
 * 类别 is 有效 / 部分有效 / 无效 / 疑难 (the final class); 原因 the reason codes of SPEC §3 joined with `;`,
 * followed for a disputed ballot or a voided write-in by `: ` and which cell, which text and why (issue 12).
 * 原读 and 认定 are filled only for a ballot decided by a ruling of the 选举领导小组 (规程 10): 原读 is
 * 疑难 (what the count read) and 认定 the ruling with its place, e.g. `有效 (rulings.csv 第 2 行)`.
 *
 * `jipiao live` adds a 更正 column after 认定 when ballots were corrected at the venue (who, when,
 * before → after; README 规范未明确之处的处理); without corrections the columns are the ones above.
 *
 * Called once per ballot while the count streams, so a line is assembled by hand (RFC 4180 quoting:
 * a cell holding a comma, quote, CR or LF is quoted) instead of through csv-stringify; cells are
 * neutralised against formula injection exactly as in `--format csv`. Lines end with \n.
 */
import { type BallotLogEntry, CLASS_LABEL, VERDICT_LABEL } from '../../core/index.js';
import { showControls } from '../safe-text.js';
import { BOM, escapeCsvCell } from './csv.js';

export const BALLOT_LOG_COLUMNS = ['票号', '票箱', '文件', '行', '类别', '原因', '原读', '认定'] as const;

/** The header; `extra` columns follow 认定 (the live count's 更正, issue 19: only when it has corrections). */
export function ballotLogHeader(extra: readonly string[] = []): string {
  return `${BOM}${[...BALLOT_LOG_COLUMNS, ...extra].join(',')}\n`;
}

/**
 * Characters that never need quoting or escaping: the common case takes no allocation. Control, bidi
 * and invisible characters (the ranges of safe-text.ts) are not plain: they are shown as `\uXXXX`.
 */
const PLAIN = /^[^,"=+\-@＝＋－＠\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]*$/u;

/**
 * One CSV cell: control characters shown escaped (one ballot, one line; no escape reaches a terminal
 * that shows the log), formula-neutralised, then quoted when it holds a delimiter or a quote.
 */
export function csvCell(s: string): string {
  if (PLAIN.test(s)) return s;
  const x = escapeCsvCell(showControls(s));
  return /[",\r\n]/u.test(x) ? `"${x.replace(/"/gu, '""')}"` : x;
}

export function formatBallotLogLine(e: BallotLogEntry): string {
  const ruled = e.ruling !== undefined;
  const ruling = e.ruling ? `${VERDICT_LABEL[e.ruling.verdict]} (${e.ruling.file} 第 ${e.ruling.line} 行)` : '';
  return `${csvCell(e.ticket)},${csvCell(e.box)},${csvCell(e.file)},${e.line},${CLASS_LABEL[e.class]},${e.detail ? csvCell(`${e.reasons.join(';')}: ${e.detail}`) : e.reasons.join(';')},${ruled ? CLASS_LABEL.disputed : ''},${csvCell(ruling)}\n`;
}

/** A ballot's line with cells after 认定, under the `extra` columns of the header. */
export function formatBallotLogLineWith(e: BallotLogEntry, extra: readonly string[]): string {
  return `${formatBallotLogLine(e).slice(0, -1)}${extra.map((c) => `,${csvCell(c)}`).join('')}\n`;
}
