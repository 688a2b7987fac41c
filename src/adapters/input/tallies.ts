/**
 * Reading a tally sheet (计票统计表, issue 16; format in README「计票统计表」). `parseTallyRows` takes rows of
 * cells (header first) from any reader — CSV today, .xlsx when that reader exists — and checks the
 * layout and the numbers; the election-aware checks are the core's (`readTallies`).
 */
import {
  type InputError,
  type RawRow,
  type Result,
  TALLY_COLUMNS,
  type TallyEntry,
  err,
  factError,
  inputError,
  ok,
} from '../../core/index.js';
import { type CsvOptions, headerIndex, readCsvAll } from './csv.js';

const REQUIRED = [TALLY_COLUMNS.box, TALLY_COLUMNS.office, TALLY_COLUMNS.name, TALLY_COLUMNS.votes] as const;
const OPTIONAL = [TALLY_COLUMNS.oppose, TALLY_COLUMNS.abstain, '备注'] as const;
const TOTAL_ROW = new Set(['合计', '总计', '小计', '共计']);

/** A count: a non-negative integer (full-width digits accepted); '' → undefined. */
function parseCount(raw: string): number | undefined | 'bad' {
  const t = raw.normalize('NFKC').trim();
  if (t === '') return undefined;
  if (!/^\d+$/u.test(t)) return 'bad';
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : 'bad';
}

function header(row: RawRow, errors: InputError[]): Map<string, number> | undefined {
  const idx = headerIndex(row.cells);
  row.cells.forEach((h, i) => {
    const k = h
      .normalize('NFKC')
      .replace(/^\uFEFF/u, '')
      .trim();
    if (k !== '' && ![...REQUIRED, ...OPTIONAL].includes(k as never)) {
      errors.push(
        inputError('TALLY_UNKNOWN_COLUMN', `无法识别的列「${k}」; 计票统计表的列为 ${[...REQUIRED, ...OPTIONAL].join('、')}`, {
          file: row.file,
          line: row.line,
          column: i + 1,
        }),
      );
    }
  });
  for (const k of REQUIRED) {
    if (!idx.has(k))
      errors.push(
        inputError(
          'TALLY_NO_COLUMN',
          `缺少「${k}」列; 计票统计表的表头应为 ${REQUIRED.join(',')},${TALLY_COLUMNS.oppose},${TALLY_COLUMNS.abstain}`,
          { file: row.file, line: row.line },
        ),
      );
  }
  return errors.length > 0 ? undefined : idx;
}

/** Rows of a tally sheet (header first) → entries; layout and number errors name the line and column. */
export function parseTallyRows(file: string, rows: readonly RawRow[]): Result<TallyEntry[]> {
  const errors: InputError[] = [];
  const [head, ...body] = rows;
  if (!head) return err([factError('TALLY_EMPTY', { noHeader: true }, { file, line: 1 })]);
  const idx = header(head, errors);
  if (!idx) return err(errors);
  const entries: TallyEntry[] = [];
  for (const row of body) {
    if (row.cells.every((c) => c.trim() === '')) continue; // Excel's empty rows are not data
    if (row.cells.length !== head.cells.length) {
      errors.push(
        factError(
          'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
          { fields: row.cells.length, expected: head.cells.length },
          { file: row.file, line: row.line },
        ),
      );
      continue;
    }
    const cell = (k: string): string => (idx.has(k) ? (row.cells[idx.get(k) ?? 0] ?? '') : '');
    const box = cell(TALLY_COLUMNS.box).normalize('NFKC').trim();
    if (box === '' || TOTAL_ROW.has(box) || TOTAL_ROW.has(cell(TALLY_COLUMNS.office).trim())) {
      const code = box === '' ? 'TALLY_EMPTY_BOX' : 'TALLY_TOTAL_ROW';
      errors.push(
        inputError(code, box === '' ? '票箱为空' : '这是合计行; 计票统计表只填各票箱的数字, 合计由程序计算, 请删除这一行', {
          file: row.file,
          line: row.line,
          column: TALLY_COLUMNS.box,
        }),
      );
      continue;
    }
    const nums: Record<'votes' | 'oppose' | 'abstain', number | undefined> = { votes: undefined, oppose: undefined, abstain: undefined };
    for (const k of ['votes', 'oppose', 'abstain'] as const) {
      const v = parseCount(cell(TALLY_COLUMNS[k]));
      if (v === 'bad')
        errors.push(
          inputError('TALLY_BAD_NUMBER', `「${cell(TALLY_COLUMNS[k])}」不是票数 (应为 0 或正整数)`, {
            file: row.file,
            line: row.line,
            column: TALLY_COLUMNS[k],
          }),
        );
      else nums[k] = v;
    }
    entries.push({
      file,
      line: row.line,
      box,
      office: cell(TALLY_COLUMNS.office).normalize('NFKC').trim(),
      name: cell(TALLY_COLUMNS.name).trim(),
      ...nums,
    });
  }
  return errors.length > 0 ? err(errors) : ok(entries);
}

/** A tally sheet file (CSV; .xlsx to come with its reader). */
export async function loadTallies(path: string, display: string, opts: CsvOptions = {}): Promise<Result<TallyEntry[]>> {
  const rows = await readCsvAll(path, display, opts);
  return rows.ok ? parseTallyRows(display, rows.value) : rows;
}

/**
 * A tally sheet with rows but not one figure filled in — the empty 计票统计表 `jipiao init` writes (CSV and
 * .xlsx), untouched. `batch` skips such a sheet instead of failing on every empty cell: the clerks fill one of
 * the two and leave the other. A sheet that cannot be read, or has any figure, is not blank (it is counted,
 * and its errors are reported there).
 */
export async function isBlankTallySheet(path: string, display: string): Promise<boolean> {
  const rows = await loadTallies(path, display);
  if (!rows.ok) return false;
  return rows.value.every((e) => e.votes === undefined && e.oppose === undefined && e.abstain === undefined);
}
