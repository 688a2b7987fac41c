/**
 * .xlsx input (exceljs, loaded only when an .xlsx file is read): one sheet — the first, or the one
 * named by `--sheet` — as the same rows a CSV export of it gives: every cell as its displayed text
 * (xlsx-text.ts), each row as wide as the widest row, line numbers = Excel row numbers, trailing empty
 * rows left out. The rows go to the same readers as CSV rows (csv.ts hands them over).
 */
import type { Workbook, Worksheet } from 'exceljs';
import { InputErrors, type InputError, type RawRow, inputError } from '../../core/index.js';
import { MAX_CELL } from './csv.js';
import { checkFile } from './files.js';
import { rememberSheet } from './sheet-names.js';
import { type CellValue, cellText } from './xlsx-text.js';

export interface XlsxOptions {
  /** Sheet to read (default: the first). */
  readonly sheet?: string | undefined;
}

const BATCH = 256;

async function loadWorkbook(path: string, display: string): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch {
    throw new InputErrors([
      inputError('XLSX_UNREADABLE', '无法读取这个 .xlsx 文件 (文件已损坏, 或不是 Excel 工作簿; 旧的 .xls 格式请在 Excel 中另存为 .xlsx 或 CSV)', { file: display }),
    ]);
  }
  return wb;
}

function pickSheet(wb: Workbook, display: string, name: string | undefined): Worksheet {
  const all = wb.worksheets;
  const ws = name === undefined ? all[0] : all.find((w) => w.name === name);
  if (ws) return ws;
  const names = all.map((w) => `「${w.name}」`).join('');
  const e: InputError =
    name === undefined
      ? inputError('XLSX_NO_SHEET', '工作簿中没有工作表', { file: display })
      : inputError('XLSX_SHEET_NOT_FOUND', `没有名为「${name}」的工作表; 工作簿中有 ${names}`, { file: display });
  throw new InputErrors([e]);
}

/** Cells of one row as displayed text; `cells[0]` is column A. */
function rowTexts(ws: Worksheet, r: number): string[] {
  const row = ws.findRow(r);
  if (!row) return [];
  const out: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    // A merged cell other than the top-left one is empty in Excel's CSV export too.
    const v = cell.isMerged && cell.master !== cell ? null : (cell.value as CellValue);
    while (out.length < col - 1) out.push('');
    out[col - 1] = cellText(v, cell.numFmt);
  });
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Rows of the sheet as a CSV export gives them, in batches; throws `InputErrors` for file-level problems. */
export async function* xlsxBatches(path: string, display: string, opts: XlsxOptions = {}): AsyncGenerator<RawRow[]> {
  const missing = checkFile(path, display);
  if (missing) throw new InputErrors([missing]);
  const ws = pickSheet(await loadWorkbook(path, display), display, opts.sheet);
  rememberSheet(display, ws.name);
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) rows.push(rowTexts(ws, r));
  while (rows.length > 0 && (rows[rows.length - 1]?.length ?? 0) === 0) rows.pop();
  const width = rows.reduce((w, cells) => Math.max(w, cells.length), 0);
  let batch: RawRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    while (cells.length < width) cells.push('');
    const long = cells.findIndex((c) => c.length > MAX_CELL);
    if (long >= 0) {
      throw new InputErrors([inputError('CSV_CELL_TOO_LONG', `字段长度 ${cells[long]?.length ?? 0} 个字符, 超过上限 ${MAX_CELL}; 这不像是选票内容`, { file: display, line: i + 1, column: long + 1 })]);
    }
    batch.push({ file: display, line: i + 1, cells });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
