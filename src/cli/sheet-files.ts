/**
 * The sheet files `report` and `batch` write into a report folder: one .txt and one .html per sheet,
 * plus 全部文书.txt and 全部文书.html (every sheet on its own A4 page). Sheet files of an earlier run that
 * no longer apply — a 当选公告 after the election turned out invalid, a 再次投票公告 after the revote —
 * are removed, so the folder never holds a stale notice. Other files in the folder are left alone.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sheetsHtml } from '../adapters/report/html.js';
import { SHEET_IDS, type Sheet, buildSheets, sheetNotes } from '../adapters/report/sheets.js';
import { sheetText, sheetsText } from '../adapters/report/text.js';
import type { CountResult } from '../core/index.js';

export interface SheetFiles {
  /** Sheet titles (file names without extension), in order. */
  readonly sheets: readonly string[];
  /** File names written. */
  readonly written: readonly string[];
  /** File names of an earlier run removed. */
  readonly removed: readonly string[];
  /** Sheets held back while disputed ballots are at stake, and why (one line each). */
  readonly notes: readonly string[];
}

/** Every file name a report folder may get (written or removed), to check them against the inputs first. */
export function sheetFileNames(): string[] {
  return [...SHEET_IDS.flatMap((id) => [`${id}.txt`, `${id}.html`]), '全部文书.txt', '全部文书.html'];
}

/**
 * Write the sheets of a result into `dir` (which must exist) with `write(path, text)`; remove stale ones.
 * `adjust` adds to the sheets before they are written (`jipiao live`: its corrections).
 */
export function writeSheetFiles(
  dir: string,
  r: CountResult,
  write: (file: string, text: string) => void,
  adjust: (sheets: Sheet[]) => Sheet[] = (s) => s,
): SheetFiles {
  const sheets = adjust(buildSheets(r));
  const written: string[] = [];
  const put = (name: string, text: string): void => {
    write(path.join(dir, name), text);
    written.push(name);
  };
  for (const s of sheets) {
    put(`${s.id}.txt`, sheetText(s));
    put(`${s.id}.html`, sheetsHtml(`${r.election.title} ${s.id}`, [s]));
  }
  put('全部文书.txt', sheetsText(sheets));
  put('全部文书.html', sheetsHtml(r.election.title, sheets));
  const removed: string[] = [];
  for (const id of SHEET_IDS) {
    if (sheets.some((s) => s.id === id)) continue;
    for (const name of [`${id}.txt`, `${id}.html`]) {
      const p = path.join(dir, name);
      if (existsSync(p)) {
        rmSync(p, { force: true });
        removed.push(name);
      }
    }
  }
  return { sheets: sheets.map((s) => s.id), written, removed, notes: sheetNotes(r) };
}
