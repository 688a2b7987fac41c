/**
 * Terminal output fits the terminal (issue 15): rendered with columns = 80 (no tmux: the width is
 * given to the renderer, each line's display width checked), the demo has no line over 80 and its
 * tables are the natural ones; a long minority name makes a table fold instead of wrapping each row;
 * the batch summary fits 80 columns.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fitLines } from '../../../src/adapters/render/fit.js';
import { width } from '../../../src/adapters/report/width.js';
import { main } from '../../../src/cli/main.js';
import type { Io } from '../../../src/cli/io.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-fit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], columns: number | undefined): Promise<string> {
  let out = '';
  const io: Io = {
    stdout: { write: (s) => void (out += s), isTTY: false, columns },
    stderr: { write: () => undefined, isTTY: false },
    env: { NO_COLOR: '1' },
    cwd: root,
  };
  await main(args, io);
  return out;
}

const tableRows = (s: string): string[] => s.split('\n').filter((l) => /^[┌│├└]/u.test(l));
const over = (s: string, max: number): string[] => s.split('\n').filter((l) => width(l) > max);

describe('count at 80 columns', () => {
  it('the demo: no line wider than 80, every table row as rendered without a width', async () => {
    const fitted = await run(['count', 'fixtures/demo/ballots.csv'], 80);
    expect(over(fitted, 80)).toEqual([]);
    expect(tableRows(fitted)).toEqual(tableRows(await run(['count', 'fixtures/demo/ballots.csv'], undefined)));
  });

  it('a long minority name: the 得票汇总 table folds (per-office columns dropped), no row wider than 80', async () => {
    const long = '阿卜杜热合曼·买买提艾力·阿不都克热木';
    const dir = path.join(tmp, 'long');
    mkdirSync(dir);
    for (const f of ['ballots.csv', 'voters.csv', 'election.json'])
      writeFileSync(path.join(dir, f), readFileSync(path.join(root, 'fixtures/demo', f), 'utf8').replaceAll('陈晓东', long));
    const natural = await run(['count', path.join(dir, 'ballots.csv')], undefined);
    expect(over(natural, 80).length).toBeGreaterThan(0);
    const fitted = await run(['count', path.join(dir, 'ballots.csv')], 80);
    expect(over(fitted, 80)).toEqual([]);
    expect(fitted).toContain(`│ ${long} │ 另选`);
    expect(fitted).not.toContain('│ 主任票 │');
  });

  it('at 50 columns names wrap inside their cells', async () => {
    const fitted = await run(['count', 'fixtures/demo/ballots.csv'], 50);
    expect(tableRows(fitted).filter((l) => width(l) > 50)).toEqual([]);
  });
});

describe('batch summary at 80 columns', () => {
  it('fits: 社区 and 参选率 dropped, titles and 尚需 wrapped in their cells', async () => {
    const out = await run(['batch', 'fixtures/district', '--out', path.join(tmp, 'batch')], 80);
    const rows = tableRows(out);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((l) => width(l) > 80)).toEqual([]);
    expect(out).toContain('│ 疑难 1; 再次投票 1; │');
  });
});

describe('fitLines', () => {
  it('wraps a long line with its indent, leaves tables and short lines alone', () => {
    const lines = fitLines(
      ['  原因统计: 弃权票 2; 所选人数超过应选名额 2; 经选举领导小组认定 1', '│ 表格行不折 │ 很长很长很长很长很长很长很长很长 │', '短'],
      30,
    );
    expect(lines).toEqual([
      '  原因统计: 弃权票 2; 所选人数',
      '    超过应选名额 2; 经选举领导',
      '    小组认定 1',
      '│ 表格行不折 │ 很长很长很长很长很长很长很长很长 │',
      '短',
    ]);
  });
});
