/**
 * rulings.csv (SPEC §2.4): the 选举领导小组's rulings on disputed ballots (规程 10 疑难选票认定), applied
 * by the core as an overlay on the untouched ballot row.
 *
 * `更正` lists `列名=内容` separated by `;` or `；` (grid: `主任:张建国=○;委员:另选1=李明`; names layout:
 * `委员=孙丽、周强` — names inside one value are separated by `、`, since `;` separates corrections).
 * A row whose `认定` and `更正` are both empty is a ruling not made yet (the template written by
 * `jipiao disputes` has such rows) and is skipped. Extra columns (编号, 票箱, 疑难情形, 备注) are ignored.
 */
import { CappedErrors, type Correction, type InputError, type RawRow, type Result, type Ruling, type Verdict, err, hasControl, inputError, isBlankRow, ok, ticketKey } from '../../core/index.js';
import { type CsvOptions, readCsvAll, splitHeader } from './csv.js';

/**
 * A 票号 cell as the template wrote it or as a spreadsheet saved it back: `="000013"` (the template's
 * Excel text form) and a leading `'` before = + - @ (the formula guard of the CSV writers) are undone,
 * then the identity of SPEC §2.2 applies (NFKC, invisible characters removed).
 */
export function rulingTicket(cell: string): string {
  const t = cell.trim();
  const excel = /^=\s*"((?:[^"]|"")*)"$/u.exec(t);
  const text = excel ? (excel[1] ?? '').replace(/""/gu, '"') : /^'[=+\-@＝＋－＠]/u.test(t) ? t.slice(1) : t;
  return ticketKey(text.trim());
}

const VERDICTS: Readonly<Record<string, Verdict>> = { 有效: 'valid', 整张有效: 'valid', 部分有效: 'partial', 无效: 'invalid' };

export function parseCorrections(text: string): Correction[] | string {
  const out: Correction[] = [];
  for (const part of text.split(/[;；]/u)) {
    if (part.trim() === '') continue;
    const m = /^([^=＝]*)[=＝](.*)$/su.exec(part);
    if (!m || (m[1] ?? '').trim() === '') return part.trim();
    out.push({ column: (m[1] ?? '').trim(), value: (m[2] ?? '').trim() });
  }
  return out;
}

export function parseRulings(rows: readonly RawRow[], file: string): Result<Ruling[]> {
  const split = splitHeader(rows, file, inputError('RULINGS_EMPTY', '认定文件是空的 (没有表头)', { file, line: 1 }));
  if (!split.ok) return split;
  const { header, body, idx } = split.value;
  const missing = ['票号', '认定'].filter((k) => !idx.has(k));
  if (missing.length > 0) {
    return err([inputError('RULINGS_MISSING_COLUMN', `认定文件缺少列: ${missing.join('、')} (应有 票号,认定,更正,表决,理由)`, { file, line: header.line })]);
  }
  const col = (k: string): number | undefined => idx.get(k);
  const get = (r: RawRow, k: string): string => {
    const i = col(k);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const errors = new CappedErrors();
  const add = (e: InputError): void => errors.push(e);
  const seen = new Map<string, number>();
  const out: Ruling[] = [];
  for (const r of body) {
    if (isBlankRow(r.cells)) continue;
    if (r.cells.length !== header.cells.length) {
      add(inputError('CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', `这一行有 ${r.cells.length} 个字段, 表头有 ${header.cells.length} 个`, { file, line: r.line }));
      continue;
    }
    const ticket = rulingTicket(get(r, '票号'));
    const verdictText = get(r, '认定').normalize('NFKC');
    const corrText = get(r, '更正');
    if (ticket === '' || hasControl(ticket)) {
      add(inputError('RULINGS_EMPTY_TICKET', ticket === '' ? '票号为空' : '票号含有控制字符', { file, line: r.line, column: (col('票号') ?? 0) + 1 }));
      continue;
    }
    if (verdictText === '' && corrText === '') continue; // not ruled yet
    const prev = seen.get(ticket);
    if (prev !== undefined) {
      add(inputError('RULINGS_DUPLICATE_TICKET', `票号「${ticket}」已在第 ${prev} 行认定过; 每张选票只能有一个认定`, { file, line: r.line, column: (col('票号') ?? 0) + 1 }));
      continue;
    }
    seen.set(ticket, r.line);
    const verdict = VERDICTS[verdictText];
    if (verdict === undefined) {
      add(inputError('RULINGS_BAD_VERDICT', `「认定」应为 有效、部分有效 或 无效, 这里是「${verdictText}」`, { file, line: r.line, column: (col('认定') ?? 0) + 1 }));
      continue;
    }
    const corrections = parseCorrections(corrText);
    if (typeof corrections === 'string') {
      add(inputError('RULINGS_BAD_CORRECTION', `「更正」中的「${corrections}」应写成 列名=内容, 如 委员:周强=○`, { file, line: r.line, column: (col('更正') ?? 0) + 1 }));
      continue;
    }
    const vote = get(r, '表决').normalize('NFKC');
    if (vote !== '' && !/^\d+:\d+$/u.test(vote)) {
      add(inputError('RULINGS_BAD_VOTE', `「表决」应写成 赞成:反对, 如 7:0, 这里是「${vote}」`, { file, line: r.line, column: (col('表决') ?? 0) + 1 }));
      continue;
    }
    out.push({ ticket, verdict, corrections, vote, reason: get(r, '理由'), file, line: r.line });
  }
  return errors.length > 0 ? err(errors.list()) : ok(out);
}

export async function loadRulings(path: string, display: string, opts: CsvOptions = {}): Promise<Result<Ruling[]>> {
  const rows = await readCsvAll(path, display, opts);
  return rows.ok ? parseRulings(rows.value, display) : rows;
}
