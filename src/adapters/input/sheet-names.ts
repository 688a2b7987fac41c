/**
 * Where a row of an .xlsx file is: the sheet it was read from (remembered per file as shown, so that an
 * error found later by the core — which knows only file, line and column number — is named the way a
 * clerk finds it in Excel: `ballots.xlsx 工作表「票箱1」第 12 行 C 列`). No exceljs here: the error
 * formatter imports this without loading the workbook library.
 */
const sheets = new Map<string, string>();

export function isXlsx(file: string): boolean {
  return /\.xlsx$/iu.test(file);
}

export function rememberSheet(display: string, sheet: string): void {
  sheets.set(display, sheet);
}

/** The sheet an .xlsx file (as shown) was read from, if it was. */
export function sheetOf(display: string | undefined): string | undefined {
  return display === undefined ? undefined : sheets.get(display);
}

/** 1 → A, 26 → Z, 27 → AA (Excel's column letters). */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
