/**
 * rulings.csv (SPEC §2.4): the 选举领导小组's rulings on disputed ballots (规程 10 疑难选票认定), applied
 * by the core as an overlay on the untouched ballot row.
 *
 * `更正` lists `列名=内容` separated by `;` or `；` (grid: `主任:张建国=○;委员:另选1=李明`; names layout:
 * `委员=孙丽、周强` — names inside one value are separated by `、`, since `;` separates corrections).
 * A row whose `认定` and `更正` are both empty is a ruling not made yet (the template written by
 * `jipiao disputes` has such rows) and is skipped. Extra columns (编号, 票箱, 疑难情形, 备注) are ignored.
 */
import {
  CappedErrors,
  type Correction,
  type InputError,
  type RawRow,
  type Result,
  type Ruling,
  type Verdict,
  err,
  factError,
  hasControl,
  isBlankRow,
  ok,
  ticketKey,
} from '../../core/index.js';
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
  const split = splitHeader(rows, file, factError('RULINGS_EMPTY', {}, { file, line: 1 }));
  if (!split.ok) return split;
  const { header, body, idx } = split.value;
  const missing = ['票号', '认定'].filter((k) => !idx.has(k));
  if (missing.length > 0) {
    return err([factError('RULINGS_MISSING_COLUMN', { missing }, { file, line: header.line })]);
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
      add(
        factError(
          'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
          { fields: r.cells.length, expected: header.cells.length },
          { file, line: r.line },
        ),
      );
      continue;
    }
    const ticket = rulingTicket(get(r, '票号'));
    const verdictText = get(r, '认定').normalize('NFKC');
    const corrText = get(r, '更正');
    if (ticket === '' || hasControl(ticket)) {
      add(factError('RULINGS_EMPTY_TICKET', { control: ticket !== '' }, { file, line: r.line, column: (col('票号') ?? 0) + 1 }));
      continue;
    }
    if (verdictText === '' && corrText === '') continue; // not ruled yet
    const prev = seen.get(ticket);
    if (prev !== undefined) {
      add(factError('RULINGS_DUPLICATE_TICKET', { ticket, firstLine: prev }, { file, line: r.line, column: (col('票号') ?? 0) + 1 }));
      continue;
    }
    seen.set(ticket, r.line);
    const verdict = VERDICTS[verdictText];
    if (verdict === undefined) {
      add(factError('RULINGS_BAD_VERDICT', { value: verdictText }, { file, line: r.line, column: (col('认定') ?? 0) + 1 }));
      continue;
    }
    const corrections = parseCorrections(corrText);
    if (typeof corrections === 'string') {
      add(factError('RULINGS_BAD_CORRECTION', { value: corrections }, { file, line: r.line, column: (col('更正') ?? 0) + 1 }));
      continue;
    }
    const vote = get(r, '表决').normalize('NFKC');
    if (vote !== '' && !/^\d+:\d+$/u.test(vote)) {
      add(factError('RULINGS_BAD_VOTE', { value: vote }, { file, line: r.line, column: (col('表决') ?? 0) + 1 }));
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
