/**
 * `jipiao batch` against a hostile archive (issue 13): linked folders and files are counted, a link loop
 * is noticed and never followed forever, Voters.csv is the roll, a box file called ballot-log.csv is a box
 * file (and is never overwritten), X and X/X get their own output folders, and a second concurrent run
 * into the same --out is refused.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_NAME } from '../../src/cli/batch-lock.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../cli/fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const east = path.join(root, 'fixtures', 'district', '东风社区');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-batch-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = fakeIo(tmp);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function inputsOf(file: string): string[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { inputs: { role: string; file: string }[] }).inputs.map((i) => `${i.role} ${i.file}`);
}

describe('batch follows links, matches names in any case, and never takes its own outputs', () => {
  it('a linked election folder and a linked box file are counted; a loop is reported and not followed', async () => {
    const d = path.join(tmp, 'links');
    mkdirSync(path.join(d, 'real'), { recursive: true });
    cpSync(east, path.join(d, 'store', '东风社区'), { recursive: true });
    symlinkSync(path.join(d, 'store', '东风社区'), path.join(d, 'real', '东风'));
    symlinkSync(d, path.join(d, 'real', 'loop'));
    const r = await run(['batch', path.join(d, 'real'), '--out', path.join(tmp, 'links-out')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('共 1 个选举: 1 个已计票');
    expect(r.err).toContain('注意: loop/real 是指回上级文件夹的符号链接 (循环), 未再进入');
  });

  it('Voters.CSV is the roll; a box file named ballot-log.csv is counted and listed; outputs into --out', async () => {
    const d = path.join(tmp, 'names', '银龙东苑社区');
    cpSync(path.join(root, 'fixtures', 'district', '银龙东苑社区'), d, { recursive: true });
    renameSync(path.join(d, 'voters.csv'), path.join(d, 'Voters.CSV'));
    renameSync(path.join(d, 'rulings.csv'), path.join(d, 'RULINGS.csv'));
    const ballots = readFileSync(path.join(d, 'box-中心会场.csv'), 'utf8').split('\n');
    const header = ballots[0] ?? '';
    writeFileSync(path.join(d, 'ballot-log.csv'), `${header}\n${(ballots[1] ?? '').replace(/^[^,]+/u, 'LOGBOX-1')}\n`);
    const out = path.join(tmp, 'names-out');
    const r = await run(['batch', path.join(tmp, 'names'), '--out', out]);
    expect(r.err).toBe('');
    expect(r.out).toContain('计入的选票文件:\n  银龙东苑社区: ballot-log.csv、box-中心会场.csv、box-流动票箱.csv\n');
    const inputs = inputsOf(path.join(out, '银龙东苑社区', 'result.json'));
    expect(inputs).toContain('roll Voters.CSV');
    expect(inputs).toContain('rulings RULINGS.csv');
    // In place, the log would replace that box file: refused for that folder, the file untouched.
    const before = readFileSync(path.join(d, 'ballot-log.csv'), 'utf8');
    const inPlace = await run(['batch', path.join(tmp, 'names')]);
    expect(inPlace.code).toBe(2);
    expect(inPlace.err).toContain('错误 [OUT_IS_INPUT] 银龙东苑社区/ballot-log.csv: 输出文件就是输入文件 ballot-log.csv');
    expect(readFileSync(path.join(d, 'ballot-log.csv'), 'utf8')).toBe(before);
  });

  it('X/election.json and X/X/election.json get out/ and out/X (never one folder for both)', async () => {
    const d = path.join(tmp, 'nested', 'X');
    cpSync(east, d, { recursive: true });
    cpSync(east, path.join(d, 'X'), { recursive: true });
    rmSync(path.join(d, 'X', 'ballots.csv'));
    const ballots = readFileSync(path.join(east, 'ballots.csv'), 'utf8').split('\n');
    writeFileSync(path.join(d, 'X', 'only-two.csv'), `${ballots.slice(0, 3).join('\n')}\n`);
    const out = path.join(tmp, 'nested-out');
    const r = await run(['batch', d, '--out', out]);
    expect(r.code).toBe(0);
    expect(inputsOf(path.join(out, 'result.json'))[0]).toBe('ballots ballots.csv');
    expect(inputsOf(path.join(out, 'X', 'result.json'))[0]).toBe('ballots only-two.csv');
  });
});

describe('one batch run at a time per output folder', () => {
  it('a lock held by a live process refuses the run (exit 2, nothing written); a stale lock is taken over', async () => {
    const d = path.join(tmp, 'lock', '东风社区');
    cpSync(east, d, { recursive: true });
    const out = path.join(tmp, 'lock-out');
    mkdirSync(out);
    writeFileSync(path.join(out, LOCK_NAME), `${process.pid}\n`);
    const r = await run(['batch', path.join(tmp, 'lock'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `错误 [BATCH_LOCKED] lock-out: 另一个 jipiao batch (进程 ${process.pid}) 正在写入此文件夹; 请等它结束后再运行, 或换一个 --out\n`,
    );
    expect(existsSync(path.join(out, '东风社区'))).toBe(false);
    writeFileSync(path.join(out, LOCK_NAME), '2147483646\n'); // no such process
    const again = await run(['batch', path.join(tmp, 'lock'), '--out', out]);
    expect(again.code).toBe(0);
    expect(existsSync(path.join(out, LOCK_NAME))).toBe(false);
  });

  it('two runs started together into one --out: one is refused, the other writes a consistent result', async () => {
    const out = path.join(tmp, 'race-out');
    const [a, b] = await Promise.all([
      run(['batch', path.join(tmp, 'lock'), '--out', out]),
      run(['batch', path.join(tmp, 'lock'), '--out', out]),
    ]);
    expect([a.code, b.code].sort()).toEqual([0, 2]);
    expect(`${a.err}${b.err}`).toContain('错误 [BATCH_LOCKED]');
    expect(existsSync(path.join(out, '东风社区', 'result.json'))).toBe(true);
  });
});
