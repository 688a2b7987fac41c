/**
 * .xlsx output for officials who file spreadsheets (`count --format xlsx --out FILE`, `--ballot-log
 * FILE.xlsx`): the same rows as the CSV, one sheet, header frozen and bold, whole numbers in the
 * numeric columns as numbers (票号 and every other text column stay text, so 000001 keeps its zeros).
 * Streamed with exceljs's WorkbookWriter (loaded only here) into a temp file renamed into place.
 */
import { renameSync, rmSync } from 'node:fs';

export interface XlsxSheet {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: Iterable<readonly string[]> | AsyncIterable<readonly string[]>;
  /** Header names of the columns whose whole numbers are written as numbers. */
  readonly numeric: ReadonlySet<string>;
}

export async function writeXlsx(target: string, sheet: XlsxSheet): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: true });
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const head = ws.addRow([...sheet.header]);
    head.font = { bold: true };
    head.commit();
    const numeric = sheet.header.map((h) => sheet.numeric.has(h));
    for await (const cells of sheet.rows) {
      ws.addRow(cells.map((c, i) => (numeric[i] === true && /^\d{1,15}$/u.test(c) ? Number(c) : c === '' ? null : c))).commit();
    }
    ws.commit();
    await wb.commit();
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
