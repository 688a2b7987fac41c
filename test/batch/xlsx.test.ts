/**
 * `jipiao batch` reads what `count` reads (issue 15): .xlsx box files (mixed with .csv), voters.xlsx and
 * rulings.xlsx; Excel lock files, init's templates and the 候选人 sheet are not ballots; a folder with both
 * voters.csv and voters.xlsx is refused; a tally sheet (计票统计表*.csv / .xlsx) is counted as `count
 * --tallies` counts it; an error in an .xlsx names its sheet, row and column letter as `count` does.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { folderInputs } from '../../src/cli/batch-worker.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../cli/fake-io.js';
import { writeXlsxTwin } from '../helpers/xlsx-twin.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-batch-xlsx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const YL = '银龙东苑社区';
const TD = path.join(root, 'fixtures', 'tallies-demo');

async function run(args: string[], cwd = root) {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** result.json as of the CSV twins: .xlsx file names said as .csv, hashes left out (all that may differ). */
function asCsv(json: string): string {
  return json.replaceAll('.xlsx"', '.csv"').replace(/"sha256": "[0-9a-f]{64}"/gu, '"sha256": "…"');
}

/** A batch tree holding fixtures/district/银龙东苑社区 with the given files turned into .xlsx twins (typed cells, sheet 票箱1). */
async function xlsxTree(name: string, twins: readonly string[]): Promise<string> {
  const d = path.join(tmp, name, YL);
  cpSync(path.join(root, 'fixtures', 'district', YL), d, { recursive: true });
  for (const f of twins) {
    await writeXlsxTwin(path.join(d, f), path.join(d, f.replace(/\.csv$/u, '.xlsx')), { sheet: '票箱1', typed: true });
    rmSync(path.join(d, f));
  }
  return path.join(tmp, name);
}

describe('batch reads .xlsx wherever count does', () => {
  it("an .xlsx box beside a .csv box, voters.xlsx and rulings.xlsx: the result count gives, and the CSV folder's result but for the file names", async () => {
    const tree = await xlsxTree('mixed', ['box-中心会场.csv', 'voters.csv', 'rulings.csv']);
    const d = path.join(tree, YL);
    // Not ballots: Excel's lock file, init's templates and the 候选人 sheet (garbage inside: never read).
    for (const f of ['~$box-中心会场.xlsx', '选票模板-表格式.xlsx', '选票模板-名单式.CSV', '候选人.xlsx'])
      writeFileSync(path.join(d, f), 'not a sheet');
    const r = await run(['batch', tree, '--out', path.join(tmp, 'mixed-out')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`计入的选票文件:\n  ${YL}: box-中心会场.xlsx、box-流动票箱.csv\n`);
    const result = readFileSync(path.join(tmp, 'mixed-out', YL, 'result.json'), 'utf8');
    const inputs = (JSON.parse(result) as { inputs: { role: string; file: string }[] }).inputs.map((i) => `${i.role} ${i.file}`);
    expect(inputs).toEqual([
      'ballots box-中心会场.xlsx',
      'ballots box-流动票箱.csv',
      'election election.json',
      'roll voters.xlsx',
      'rulings rulings.xlsx',
    ]);
    const count = await run(['count', 'box-中心会场.xlsx', 'box-流动票箱.csv', '--format', 'json'], d);
    expect(result).toBe(count.out); // byte-identical to count of the same folder
    const csv = await run(['batch', path.join(root, 'fixtures', 'district', YL), '--out', path.join(tmp, 'csv-out')]);
    expect(csv.code).toBe(0);
    expect(asCsv(result)).toBe(asCsv(readFileSync(path.join(tmp, 'csv-out', 'result.json'), 'utf8')));
  });

  it('every box an .xlsx: the same result.json as the CSV boxes but for the input names and hashes', async () => {
    const tree = await xlsxTree('all-xlsx', ['box-中心会场.csv', 'box-流动票箱.csv']);
    const r = await run(['batch', tree, '--out', path.join(tmp, 'all-out')]);
    expect(r.err).toBe('');
    const csvTree = path.join(tmp, 'all-csv');
    cpSync(path.join(root, 'fixtures', 'district', YL), path.join(csvTree, YL), { recursive: true });
    expect((await run(['batch', csvTree, '--out', path.join(tmp, 'all-csv-out')])).code).toBe(0);
    const a = readFileSync(path.join(tmp, 'all-out', YL, 'result.json'), 'utf8');
    const b = readFileSync(path.join(tmp, 'all-csv-out', YL, 'result.json'), 'utf8');
    expect(asCsv(a)).toBe(asCsv(b));
  });

  it('voters.csv and voters.xlsx both present: that folder refused with one line, exit 2', async () => {
    const tree = await xlsxTree('two-rolls', []);
    await writeXlsxTwin(path.join(tree, YL, 'voters.csv'), path.join(tree, YL, 'voters.xlsx'), { sheet: '名单', typed: true });
    const r = await run(['batch', tree, '--out', path.join(tmp, 'two-rolls-out')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `错误 [BATCH_CSV_AND_XLSX] ${YL}: voters.csv 和 voters.xlsx 同时存在, 无法确定用哪一个选民名单; 请删除或移走其中之一 (同一内容只保留一份)\n`,
    );
  });

  it('an error in an .xlsx box names the folder, the sheet, the row and the column letter, as count does', async () => {
    const tree = path.join(tmp, 'bad-cell');
    const d = path.join(tree, YL);
    cpSync(path.join(root, 'fixtures', 'district', YL), d, { recursive: true });
    const lines = readFileSync(path.join(d, 'box-中心会场.csv'), 'utf8').split('\n');
    lines[11] = (lines[11] ?? '').replace(/,,$/u, ',乱,'); // 状态 (column O): neither 无法辨认 nor 疑难
    writeFileSync(path.join(d, 'box-中心会场.csv'), lines.join('\n'));
    await writeXlsxTwin(path.join(d, 'box-中心会场.csv'), path.join(d, 'box-中心会场.xlsx'), { sheet: '票箱1', typed: true });
    rmSync(path.join(d, 'box-中心会场.csv'));
    const count = await run(['count', 'box-中心会场.xlsx', 'box-流动票箱.csv'], d);
    expect(count.code).toBe(2);
    expect(count.err).toMatch(/^错误 \[\w+\] box-中心会场\.xlsx 工作表「票箱1」第 12 行 O 列: /u);
    const r = await run(['batch', tree, '--out', path.join(tmp, 'bad-cell-out')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      count.err
        .replaceAll('错误 [', '\u0000')
        .split('\u0000')
        .filter(Boolean)
        .map((l) => `错误 [${l.replace('] ', `] ${YL}/`)}`)
        .join(''),
    );
    expect(r.err).toContain(`${YL}/box-中心会场.xlsx 工作表「票箱1」第 12 行 O 列: `);
  });
});

describe('batch counts a folder from its tally sheet (计票统计表), as count --tallies does', () => {
  function talliesFolder(name: string, files: readonly (readonly [string, string])[]): string {
    const d = path.join(tmp, name);
    mkdirSync(d, { recursive: true });
    for (const [from, to] of files) copyFileSync(from, path.join(d, to));
    return d;
  }

  it('a tally sheet alone, as .csv and as .xlsx: the result of count --tallies; the demo figures', async () => {
    const base = [path.join(TD, 'election.json'), path.join(TD, 'voters.csv')].map((f) => [f, path.basename(f)] as const);
    const alone = talliesFolder('tallies/alone', [...base, [path.join(TD, '计票统计表.csv'), '计票统计表.csv']]);
    const xlsx = talliesFolder('tallies/xlsx', base);
    await writeXlsxTwin(path.join(TD, '计票统计表.csv'), path.join(xlsx, '计票统计表.xlsx'), { sheet: '统计', typed: true });
    const out = path.join(tmp, 'tallies-out');
    const r = await run(['batch', path.join(tmp, 'tallies'), '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('  alone: 计票统计表.csv\n');
    expect(r.out).toContain('  xlsx: 计票统计表.xlsx\n');
    const count = await run(['count', '--tallies', '计票统计表.csv', '--format', 'json'], alone);
    const result = readFileSync(path.join(out, 'alone', 'result.json'), 'utf8');
    expect(result).toBe(count.out);
    const doc = JSON.parse(result) as { ballots: { returned: number }; elected: { name: string }[] };
    expect(doc.ballots.returned).toBe(318);
    expect(doc.elected.map((e) => e.name).sort()).toEqual(['吴敏', '周强', '孙丽', '张建国', '王芳'].sort());
    expect(asCsv(readFileSync(path.join(out, 'xlsx', 'result.json'), 'utf8'))).toBe(asCsv(result));
  });

  it('a tally sheet beside a ballots box: the result of count BOX --tallies SHEET', async () => {
    const d = talliesFolder('tallies-mixed', [
      [path.join(TD, 'election.json'), 'election.json'],
      [path.join(TD, 'voters.csv'), 'voters.csv'],
      [path.join(root, 'fixtures', 'demo', 'rulings.csv'), 'rulings.csv'],
      [path.join(TD, '流动票箱.csv'), '流动票箱.csv'],
      [path.join(TD, '计票统计表-中心会场.csv'), '计票统计表-中心会场.csv'],
    ]);
    const out = path.join(tmp, 'mixed-tallies-out');
    const r = await run(['batch', d, '--out', out]);
    expect(r.err).toBe('');
    expect(r.out).toContain('流动票箱.csv、计票统计表-中心会场.csv');
    const count = await run(['count', '流动票箱.csv', '--tallies', '计票统计表-中心会场.csv', '--format', 'json'], d);
    expect(readFileSync(path.join(out, 'result.json'), 'utf8')).toBe(count.out);
    expect(folderInputs(d).ballots.map((p) => path.basename(p))).toEqual(['流动票箱.csv']);
  });
});
