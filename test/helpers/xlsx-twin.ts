/**
 * Writes the .xlsx twin of a CSV file the way a clerk's workbook holds it: with `typed`, a 票号 such as
 * `000001` is the number 1 formatted `000000`, small whole numbers are numbers, YYYY-MM-DD dates are
 * dates; a second sheet (说明) follows the data sheet, so "the first sheet" is tested too.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { detectEncoding } from '../../src/adapters/input/encoding.js';

function typedCell(s: string): { value: ExcelJS.CellValue; numFmt?: string } {
  if (/^\d{1,15}$/u.test(s)) return { value: Number(s), ...(s.length > 1 && s.startsWith('0') ? { numFmt: '0'.repeat(s.length) } : {}) };
  const d = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(s);
  if (d) return { value: new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))), numFmt: 'yyyy-mm-dd' };
  return { value: s === '' ? null : s };
}

export async function writeXlsxTwin(csvPath: string, xlsxPath: string, opts: { sheet: string; typed: boolean }): Promise<void> {
  // The CSV as jipiao reads it (GB18030 detected like the reader does), then typed into cells.
  const bytes = readFileSync(csvPath);
  const text = new TextDecoder(detectEncoding(bytes)).decode(bytes);
  const rows = parse(text, { bom: true, relax_column_count: true }) as string[][];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet);
  rows.forEach((cells, r) => {
    cells.forEach((text, c) => {
      const cell = ws.getCell(r + 1, c + 1);
      const t = opts.typed && r > 0 ? typedCell(text) : { value: text === '' ? null : text };
      cell.value = t.value;
      if (t.numFmt) cell.numFmt = t.numFmt;
    });
  });
  wb.addWorksheet('说明').getCell(1, 1).value = '第一个工作表是数据';
  await wb.xlsx.writeFile(xlsxPath);
}
