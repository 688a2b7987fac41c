// `npm run bench` (issue 6): speed and memory of `jipiao count`, measured against the floor of the stack
// (csv-parse alone streaming the same file). Writes test/bench/RESULTS.md. Not a test: nothing is timed in
// `npm test`. Sizes: BENCH_SIZES="10000,100000,1000000" (default); add 5000000 to check RSS stays flat.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './gen.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const root = mkdtempSync(path.join(os.tmpdir(), 'jipiao-bench-'));

function measure(args, cwd) {
  const out = execFileSync(process.execPath, [path.join(here, 'child.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1));
}

const rows = [];
try {
  for (const n of sizes) {
    const dir = path.join(root, String(n));
    mkdirSync(dir);
    process.stderr.write(`生成 ${n} 张选票…\n`);
    await generate(dir, n);
    const best = (f) => [f(), f()].sort((a, b) => a.ms - b.ms)[0]; // best of two runs
    const floor = best(() => measure(['floor', 'ballots.csv'], dir));
    const count = best(() => measure(['count', 'ballots.csv', '--format', 'json'], dir));
    if (count.code !== 0) throw new Error(`count exited ${count.code} for ${n}`);
    const one = best(() => measure(['count1', 'ballots.csv'], dir));
    if (one.code !== 0) throw new Error(`one-thread count failed for ${n}`);
    rows.push({ n, count, one, floor, mb: statSync(path.join(dir, 'ballots.csv')).size / 2 ** 20 });
    process.stderr.write(`  count ${count.ms.toFixed(0)} ms (one thread ${one.ms.toFixed(0)} ms), floor ${floor.ms.toFixed(0)} ms, RSS ${(count.maxRssKiB / 1024).toFixed(0)} MB\n`);
  }
  // batch: 20 elections × 50 000 ballots, in parallel vs one after another (BENCH_BATCH=0 to skip).
  let batchLine = '';
  if (process.env.BENCH_BATCH !== '0') {
    const bdir = path.join(root, 'district');
    mkdirSync(bdir);
    const m = Number(process.env.BENCH_BATCH_SIZE ?? 50000);
    for (let i = 0; i < 20; i++) {
      const d = path.join(bdir, `社区${String(i + 1).padStart(2, '0')}`);
      mkdirSync(d);
      await generate(d, m, i);
    }
    let seq = 0;
    for (let i = 0; i < 20; i++) seq += measure(['count', 'ballots.csv', '--format', 'json'], path.join(bdir, `社区${String(i + 1).padStart(2, '0')}`)).ms;
    try {
      const par = measure(['batch', bdir, '--out', path.join(root, 'batch-out')], root);
      batchLine = `| batch 20 × ${m} | 依次 count ${(seq / 1000).toFixed(1)} s | batch ${(par.ms / 1000).toFixed(1)} s | 加速 ${(seq / par.ms).toFixed(2)}× (目标 ≥ 1.7×) |`;
    } catch {
      batchLine = `| batch 20 × ${m} | 依次 count ${(seq / 1000).toFixed(1)} s | batch: 不可用 | — |`;
    }
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const table = [
    `# jipiao 基准测试结果`,
    '',
    `机器: ${cpu}, ${os.availableParallelism()} 核, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`,
    '',
    '选票: 方格式, 一次性投票, 3 个职务 12 名候选人, 另选, 约 2% 超额, 0.5% 无法辨认; `jipiao count ballots.csv --format json`。',
    '下限 (floor) = csv-parse 单独 (单线程) 流式读取同一文件的时间; 每项取两次运行中较快的一次。',
    'count = `jipiao count` 实际用时: 16 MiB 以上的文件切成与 CPU 核数相同的几段 (最多 4 段) 并行计票后合并;',
    '单线程 = 同一计票不切分 (只有一个核的电脑上的情形)。峰值 RSS 为整个进程 (含工作线程)。',
    '在共享的虚拟机上, 同一命令各次运行的用时可相差 10–20%; 比值以同一次运行中测得的两个时间计算。',
    '',
    '| 选票数 | 文件 | count 用时 | 张/秒 | 峰值 RSS | csv-parse 下限 | count/下限 | 单线程用时 | 单线程/下限 | 单线程 RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(({ n, count, one, floor, mb }) =>
      `| ${n.toLocaleString('en')} | ${mb.toFixed(0)} MB | ${(count.ms / 1000).toFixed(2)} s | ${Math.round((n * 1000) / count.ms).toLocaleString('en')} | ${(count.maxRssKiB / 1024).toFixed(0)} MB | ${(floor.ms / 1000).toFixed(2)} s | ${(count.ms / floor.ms).toFixed(2)} | ${(one.ms / 1000).toFixed(2)} s | ${(one.ms / floor.ms).toFixed(2)} | ${(one.maxRssKiB / 1024).toFixed(0)} MB |`,
    ),
    '',
    '目标 (issue 6): 1M 时 count/下限 ≤ 1.3; 1M 时峰值 RSS < 150 MB, 且 1M → 5M 不增长; batch 比依次计票快 ≥ 1.7×。',
    '',
    ...(batchLine ? ['| batch | 依次 | 并行 | 加速 |', '|---|---|---|---|', batchLine, ''] : []),
  ].join('\n');
  writeFileSync(path.join(here, 'RESULTS.md'), `${table}\n`);
  process.stdout.write(`${table}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
