/** `count --format xlsx --out FILE` and `--ballot-log FILE.xlsx`: the same rows as the CSV outputs (issue 15). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvAll } from '../../src/adapters/input/csv.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-xlsx-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(root);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const cellsOf = async (file: string): Promise<string[][]> => {
  const r = await readCsvAll(file, path.basename(file));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.map((x) => [...x.cells]);
};

describe('.xlsx outputs', () => {
  it('tallies and ballot log: the rows of their CSV, numbers as numbers, 票号 as text', async () => {
    const demo = 'fixtures/demo/ballots.csv';
    const csvLog = path.join(tmp, 'log.csv');
    const csv = await run(['count', demo, '--format', 'csv', '--ballot-log', csvLog]);
    const x = await run(['count', demo, '--format', 'xlsx', '--out', path.join(tmp, 't.xlsx'), '--ballot-log', path.join(tmp, 'log.xlsx')]);
    expect(x.code).toBe(0);
    expect(x.out).toContain('计票结果已写入');
    expect(await cellsOf(path.join(tmp, 't.xlsx'))).toEqual(parse(csv.out, { bom: true }));
    expect(await cellsOf(path.join(tmp, 'log.xlsx'))).toEqual(parse(readFileSync(csvLog), { bom: true }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tmp, 'log.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws?.getCell('A2').value).toBe('000001');
    expect(ws?.getCell('D2').value).toBe(2);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('--format xlsx without --out is a usage error', async () => {
    const r = await run(['count', 'fixtures/demo/ballots.csv', '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误 \[USAGE_XLSX_NEEDS_OUT\]/u);
  });

  it('--out with another format is a usage error, not ignored (nothing written, the input untouched)', async () => {
    const before = readFileSync('fixtures/demo/ballots.csv');
    const r = await run(['count', 'fixtures/demo/ballots.csv', '--format', 'json', '--out', 'fixtures/demo/ballots.csv']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      '错误 [USAGE_OUT_ONLY_XLSX] fixtures/demo/ballots.csv: --out 只用于 --format xlsx; 其他格式输出到屏幕 (可用 > 文件名 保存)\n',
    );
    expect(readFileSync('fixtures/demo/ballots.csv')).toEqual(before);
  });
});
