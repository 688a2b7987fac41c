/**
 * `--ballot-log FILE` (SPEC §5): one CSV row per input ballot — the audit trail that every ballot was
 * counted exactly once. Columns `票号,票箱,文件,行,类别,原因` as SPEC, then `原读,认定`: for a ballot
 * decided by a ruling, the original reading (疑难) and the ruling with its place in rulings.csv.
 */
import { stringify } from 'csv-stringify/sync';
import { type BallotLogEntry, CLASS_LABEL, VERDICT_LABEL } from '../../core/index.js';
import { escapeCsvCell } from './csv.js';

export function ballotLogHeader(): string {
  return '票号,票箱,文件,行,类别,原因,原读,认定\n';
}

const SAFE = /^[^,"\r\n=+\-@\t]*$/u;

function cell(s: string): string {
  if (SAFE.test(s)) return s;
  return stringify([[escapeCsvCell(s)]], { record_delimiter: 'unix' }).slice(0, -1);
}

export function formatBallotLogLine(e: BallotLogEntry): string {
  const ruling = e.ruling ? `${VERDICT_LABEL[e.ruling.verdict]} (${e.ruling.file} 第 ${e.ruling.line} 行)` : '';
  return `${cell(e.ticket)},${cell(e.box)},${cell(e.file)},${e.line},${CLASS_LABEL[e.class]},${e.reasons.join(';')},${e.ruling ? '疑难' : ''},${cell(ruling)}\n`;
}
