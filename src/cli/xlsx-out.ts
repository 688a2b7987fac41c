/** `count --format xlsx --out FILE` and `--ballot-log FILE.xlsx`: the CSV outputs as workbooks. */
import { rmSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { csvRows } from '../adapters/input/csv.js';
import { BALLOT_LOG_COLUMNS } from '../adapters/render/ballotlog.js';
import { renderCsv } from '../adapters/render/csv.js';
import { writeXlsx } from '../adapters/render/xlsx.js';
import type { CountResult } from '../core/index.js';

export const isXlsxPath = (p: string): boolean => /\.xlsx$/iu.test(p);

/** The tallies sheet: the rows of `--format csv`, vote columns as numbers. */
export async function writeTalliesXlsx(r: CountResult, target: string): Promise<void> {
  const [header = [], ...rows] = parse(renderCsv(r), { bom: true }) as string[][];
  const numeric = new Set([...r.election.offices.map((o) => `${o.name}票`), '总得票数', '赞成', '反对', '弃权', '未赞成']);
  await writeXlsx(target, { name: '计票结果', header, rows, numeric });
}

/** Where the ballot log's CSV is written while counting when the log is to be an .xlsx. */
export const ballotLogCsvPath = (target: string): string => `${target}.csv-part`;

/** Turn the committed CSV ballot log into the .xlsx at `target` (the CSV is removed). */
export async function ballotLogToXlsx(target: string): Promise<void> {
  const csv = ballotLogCsvPath(target);
  async function* body(): AsyncGenerator<readonly string[]> {
    let first = true;
    for await (const row of csvRows(csv, csv)) {
      if (!first) yield row.cells;
      first = false;
    }
  }
  try {
    await writeXlsx(target, { name: '逐票记录', header: BALLOT_LOG_COLUMNS, rows: body(), numeric: new Set(['行']) });
  } finally {
    rmSync(csv, { force: true });
  }
}
