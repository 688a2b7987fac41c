/**
 * .xlsx input (exceljs, loaded only when an .xlsx file is read): one sheet — the first, or the one
 * named by `--sheet` — as the same rows a CSV export of it gives: every cell as its displayed text
 * (xlsx-text.ts), each row as wide as the widest row, line numbers = Excel row numbers, trailing empty
 * rows left out. The rows go to the same readers as CSV rows (csv.ts hands them over).
 */
import { Readable } from 'node:stream';
import type { Row } from 'exceljs';
import { InputErrors, type RawRow, inputError } from '../../core/index.js';
import { MAX_CELL } from './csv.js';
import { checkFile } from './files.js';
import { rememberSheet } from './sheet-names.js';
import { type CellValue, cellText } from './xlsx-text.js';

export interface XlsxOptions {
  /** Sheet to read (default: the first). */
  readonly sheet?: string | undefined;
  /** The workbook's bytes, already read (and hashed) by the caller: exceljs reads these, not the file. */
  readonly bytes?: Uint8Array | undefined;
}

const BATCH = 256;

type Reader = InstanceType<typeof import('exceljs').stream.xlsx.WorkbookReader>;
type SheetReader = AsyncIterable<Row> & { readonly name?: string };

function unreadable(display: string): InputErrors {
  return new InputErrors([
    inputError(
      'XLSX_UNREADABLE',
      '无法读取这个 .xlsx 文件 (文件已损坏, 或不是 Excel 工作簿; 旧的 .xls 格式请在 Excel 中另存为 .xlsx 或 CSV)',
      { file: display },
    ),
  ]);
}

/** Cells of one row as displayed text; `cells[0]` is column A. */
function rowTexts(row: Row): string[] {
  const out: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    while (out.length < col - 1) out.push('');
    out[col - 1] = cellText(cell.value as CellValue, cell.numFmt);
  });
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * The rows of one sheet (by Excel row number, empty rows in between kept empty) and its name. The
 * workbook is streamed (exceljs WorkbookReader): memory holds the sheet's texts, not its cell objects.
 */
async function parseSheet(
  path: string,
  display: string,
  wanted: string | undefined,
  bytes: Uint8Array | undefined,
): Promise<{ name: string; rows: string[][] }> {
  const { default: ExcelJS } = await import('exceljs');
  const input = bytes === undefined ? path : Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  const reader: Reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const seen: string[] = [];
  try {
    for await (const sheet of reader as AsyncIterable<SheetReader>) {
      // The first sheet in the workbook's tab order (not the order of the parts in the zip).
      const order = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets?.map((x) => x.name) ?? [];
      const name = sheet.name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      const pick = wanted === undefined ? (order[0] ?? name) === name : wanted === name;
      const rows: string[][] = [];
      for await (const row of sheet) {
        if (!pick) continue;
        while (rows.length < row.number - 1) rows.push([]);
        rows.push(rowTexts(row));
      }
      if (pick) return { name, rows };
    }
  } catch {
    throw unreadable(display);
  }
  if (seen.length === 0) throw new InputErrors([inputError('XLSX_NO_SHEET', '工作簿中没有工作表', { file: display })]);
  const names = seen.map((n) => `「${n}」`).join('');
  throw new InputErrors([
    inputError('XLSX_SHEET_NOT_FOUND', `没有名为「${wanted ?? ''}」的工作表; 工作簿中有 ${names}`, { file: display }),
  ]);
}

/**
 * exceljs 4.4's streaming reader sometimes loses the end of the zip when the machine is busy (its unzip
 * stream ends before the last entries — sharedStrings, workbook.xml — are read; seen about 1 read in 40
 * under load, with `Cannot read properties of undefined (reading 'sheets')`). The loss always shows as an
 * error (missing workbook, shared strings or sheet) in every failure we provoked (4 × 80 reads under load),
 * never as fewer rows; so a failed read is tried again
 * from the same bytes before the file is called unreadable.
 */
const ATTEMPTS = 3;

async function readSheet(
  path: string,
  display: string,
  wanted: string | undefined,
  bytes: Uint8Array | undefined,
): Promise<{ name: string; rows: string[][] }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await parseSheet(path, display, wanted, bytes);
    } catch (e) {
      if (attempt >= ATTEMPTS) throw e;
    }
  }
}

/** Rows of the sheet as a CSV export gives them, in batches; throws `InputErrors` for file-level problems. */
export async function* xlsxBatches(path: string, display: string, opts: XlsxOptions = {}): AsyncGenerator<RawRow[]> {
  const missing = opts.bytes === undefined ? checkFile(path, display) : undefined;
  if (missing) throw new InputErrors([missing]);
  const { name, rows } = await readSheet(path, display, opts.sheet, opts.bytes);
  rememberSheet(display, name);
  while (rows.length > 0 && (rows[rows.length - 1]?.length ?? 0) === 0) rows.pop();
  const width = rows.reduce((w, cells) => Math.max(w, cells.length), 0);
  let batch: RawRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    while (cells.length < width) cells.push('');
    const long = cells.findIndex((c) => c.length > MAX_CELL);
    if (long >= 0) {
      throw new InputErrors([
        inputError('CSV_CELL_TOO_LONG', `字段长度 ${cells[long]?.length ?? 0} 个字符, 超过上限 ${MAX_CELL}; 这不像是选票内容`, {
          file: display,
          line: i + 1,
          column: long + 1,
        }),
      ]);
    }
    batch.push({ file: display, line: i + 1, cells });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
