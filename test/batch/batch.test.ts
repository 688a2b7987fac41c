/**
 * `jipiao batch` (区域复核, issue 5): outputs beside the inputs and read back safely on a second run,
 * batch outputs identical to `jipiao count` of the same folder, broken folders of every kind reported
 * (input, no ballots, unwritable output) while the others are counted, usage errors, and a folder whose
 * count throws (a bug) fails alone while the others are counted.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runJobs } from '../../src/cli/batch.js';
import type { ElectionJob, JobSummary } from '../../src/cli/batch-worker.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../cli/fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const district = path.join(root, 'fixtures', 'district');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-batch2-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], cwd = root) {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** A fresh copy of fixtures/district (optionally without the broken folder). */
function copyDistrict(name: string, withBroken = true): string {
  const d = path.join(tmp, name);
  cpSync(district, d, { recursive: true });
  if (!withBroken) rmSync(path.join(d, '坏文件夹社区'), { recursive: true });
  return d;
}

const GOOD = ['东风社区', '和平里社区', '银龙东苑社区'];
const QUOTE_ERROR =
  '错误 [CSV_QUOTE_NOT_CLOSED] 坏文件夹社区/ballots.csv 第 2 行: 引号没有闭合: 从这里开始的带引号字段直到文件末尾都没有结束引号\n';

describe('jipiao batch: outputs', () => {
  it('writes beside the inputs by default; a second run does not read its own outputs back and gives the same bytes', async () => {
    const d = copyDistrict('beside');
    const first = await run(['batch', d]);
    expect(first.code).toBe(2);
    expect(first.err).toBe(QUOTE_ERROR);
    const files = ['result.json', 'ballot-log.csv', 'report/选举结果报告单.txt', 'report/全部文书.txt', 'report/全部文书.html'];
    const bytes = new Map<string, string>();
    for (const c of GOOD) for (const f of files) bytes.set(`${c}/${f}`, readFileSync(path.join(d, c, f), 'utf8'));
    const second = await run(['batch', d]);
    expect(second.code).toBe(2);
    expect(second.out).toBe(first.out);
    expect(second.err).toBe(first.err);
    for (const [f, b] of bytes) expect(readFileSync(path.join(d, f), 'utf8'), f).toBe(b);
    const inputs = (JSON.parse(bytes.get('银龙东苑社区/result.json') ?? '') as { inputs: { file: string; role: string }[] }).inputs;
    expect(inputs.map((i) => `${i.role} ${i.file}`)).toEqual([
      'ballots box-中心会场.csv',
      'ballots box-流动票箱.csv',
      'election election.json',
      'roll voters.csv',
      'rulings rulings.csv',
    ]);
    expect(existsSync(path.join(d, '坏文件夹社区', 'result.json'))).toBe(false);
    expect(existsSync(path.join(d, '坏文件夹社区', 'ballot-log.csv.tmp'))).toBe(false);
  });

  it('result.json and ballot-log.csv are exactly what `jipiao count` writes for that folder', async () => {
    const out = path.join(tmp, 'same-as-count');
    await run(['batch', 'fixtures/district', '--out', out]);
    for (const c of GOOD) {
      const dir = path.join(district, c);
      const ballots = c === '银龙东苑社区' ? ['box-中心会场.csv', 'box-流动票箱.csv'] : ['ballots.csv'];
      const log = path.join(tmp, `${c}-log.csv`);
      const r = await run(['count', ...ballots, '--format', 'json', '--ballot-log', log], dir);
      expect(r.out, c).toBe(readFileSync(path.join(out, c, 'result.json'), 'utf8'));
      expect(readFileSync(log, 'utf8'), c).toBe(readFileSync(path.join(out, c, 'ballot-log.csv'), 'utf8'));
    }
  });

  it('the summary: one row per folder in sorted order, the figures of each election, quiet on a non-TTY', async () => {
    const r = await run(['batch', 'fixtures/district', '--out', path.join(tmp, 'summary')]);
    const rows = r.out.split('\n').filter((l) => l.startsWith('│') && !l.startsWith('│ 文件夹 '));
    expect(rows.map((l) => l.split('│')[1]?.trim())).toEqual(['东风社区', '和平里社区', '坏文件夹社区', '银龙东苑社区']);
    expect(rows[3]).toMatch(/│ 银龙东苑社区第九届居民委员会选举 │ +318 │ +77\.1% │ +✓ +│ +5\/5 │ — +│$/u);
    expect(rows[2]).toMatch(/│ 出错 \(见下方错误\) +│/u);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe(
      `共 4 个选举: 3 个已计票, 1 个输入错误; 1 个结果尚未最终确定; 结果写入 ${path.join(tmp, 'summary')}`,
    );
    expect(r.err).toBe(QUOTE_ERROR); // no progress bar when stderr is not a TTY
  });
});

describe('jipiao batch: broken folders and usage', () => {
  it('a folder without ballots and a second broken folder: each reported, in folder order, the rest counted', async () => {
    const d = copyDistrict('two-broken');
    mkdirSync(path.join(d, '空社区'));
    cpSync(path.join(district, '东风社区', 'election.json'), path.join(d, '空社区', 'election.json'));
    writeFileSync(path.join(d, '空社区', 'voters.csv'), '姓名\n张三\n');
    const r = await run(['batch', d, '--out', path.join(tmp, 'two-broken-out'), '--strict']);
    expect(r.code).toBe(2); // a broken folder outranks --strict
    expect(r.err).toBe(
      `${QUOTE_ERROR}错误 [BATCH_NO_BALLOTS] 空社区: 文件夹中既没有选票文件 (*.csv 或 *.xlsx, voters、rulings、选票模板、候选人表除外) 也没有填写了数字的计票统计表\n`,
    );
    expect(r.out).toContain('共 5 个选举: 3 个已计票, 2 个输入错误');
    for (const c of GOOD) expect(existsSync(path.join(tmp, 'two-broken-out', c, 'result.json')), c).toBe(true);
  });

  it('outputs that cannot be written: one error per folder naming the path, exit 2, not an internal error', async () => {
    const file = path.join(tmp, 'blocked');
    mkdirSync(file);
    for (const c of GOOD) writeFileSync(path.join(file, c), ''); // a file where each output folder should be
    const r = await run(['batch', copyDistrict('unwritable', false), '--out', file]);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toEqual(
      GOOD.map(
        (c) =>
          `错误 [BATCH_WRITE_FAILED] ${c}: 无法写入 ${path.join(file, c)} (同名文件已存在, 不是文件夹, EEXIST); 请检查输出文件夹的权限和磁盘空间`,
      ),
    );
    expect(r.out).toContain('共 3 个选举: 0 个已计票, 0 个输入错误, 3 个无法写入输出');
  });

  it('--strict: 1 when a result is not final, 0 when every result is', async () => {
    const d = copyDistrict('strict', false);
    expect((await run(['batch', d, '--strict'])).code).toBe(1);
    rmSync(path.join(d, '和平里社区'), { recursive: true });
    const r = await run(['batch', d, '--strict']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('共 2 个选举: 2 个已计票, 0 个输入错误; 0 个结果尚未最终确定');
  });

  it('usage: --jobs (gone with the worker threads, issue 17), a missing folder, a folder without elections → exit 2 with one line', async () => {
    expect(await run(['batch', 'fixtures/district', '--jobs', '2'])).toEqual({
      code: 2,
      out: '',
      err: '错误 [USAGE] 未知选项 --jobs (用 jipiao --help 查看用法)\n',
    });
    expect(await run(['batch', 'fixtures/nowhere'])).toEqual({
      code: 2,
      out: '',
      err: '错误 [BATCH_NOT_A_FOLDER] fixtures/nowhere: 不存在或不是文件夹\n',
    });
    mkdirSync(path.join(tmp, 'empty'));
    expect(await run(['batch', path.join(tmp, 'empty')])).toEqual({
      code: 2,
      out: '',
      err: `错误 [BATCH_EMPTY] ${path.join(tmp, 'empty')}: 没有找到含 election.json 的选举文件夹\n`,
    });
  });
});

describe('one folder after another', () => {
  const jobs = (names: string[], out: string): ElectionJob[] =>
    names.map((name) => ({ dir: path.join(district, name), name, outDir: path.join(out, name) }));

  it('summaries in folder order, each reported as it is done', async () => {
    const names = ['东风社区', '和平里社区', '坏文件夹社区', '银龙东苑社区'];
    const seen: string[] = [];
    const results = await runJobs(jobs(names, path.join(tmp, 'jobs')), (s) => seen.push(s.name));
    expect(seen).toEqual(names);
    expect(results.map((s) => `${s.name} ${s.ok ? 'ok' : s.kind}`)).toEqual([
      '东风社区 ok',
      '和平里社区 ok',
      '坏文件夹社区 input',
      '银龙东苑社区 ok',
    ]);
  });

  it('a folder whose count throws (a bug) fails alone as an internal error; the others are counted', async () => {
    const names = ['a', 'throw', 'b'];
    const fake = async (job: ElectionJob): Promise<JobSummary> => {
      if (job.name === 'throw') throw new Error('boom');
      return {
        ok: true,
        name: job.name,
        community: '',
        title: job.name,
        returned: 1,
        registered: 2,
        valid: true,
        elected: 0,
        seats: 0,
        todo: '',
        final: true,
        files: [],
      };
    };
    const results = await runJobs(jobs(names, tmp), () => undefined, fake);
    expect(results.map((s) => (s.ok ? s.name : `${s.name}: ${s.kind} ${s.errors.split('\n')[0] ?? ''}`))).toEqual([
      'a',
      'throw: internal throw: 内部错误: 计票程序遇到了意外情况 (Error: boom). 这不是您的输入问题; 请将所用命令和输入文件报告给 jipiao 开发组。',
      'b',
    ]);
  });
});
