// `npm run bench` (issues 6, 17): speed and memory of `jipiao count` on one core, as ratios to floors
// measured in the same run — a byte tokenizer over the same file (floor.js) for big files, `node -e 0`
// for a venue-sized election — and `batch` over many elections. Writes test/bench/RESULTS.md. Not a
// test: nothing is timed in `npm test`.
//   BENCH_SIZES="10000,100000,1000000,5000000" (default without 5M)   BENCH_RUNS=3 (best of)
//   BENCH_BATCH=0 skips batch; BENCH_BATCH_N=50 BENCH_BATCH_SIZE=20000; BENCH_BASE=<another jipiao checkout>
//   also runs that build's batch (e.g. main before a change) in the same run.
// Every job is a whole process (start-up included), pinned to one core with `taskset -c 0` when there is
// one; /usr/bin/time gives CPU time and peak RSS. On a shared machine take the ratios, not the seconds.
// jipiao runs as a user runs it: bin/jipiao.js itself, so node gets the flags of its shebang.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './gen.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const jipiao = path.join(here, '../../bin/jipiao.js');
const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const root = mkdtempSync(path.join(os.tmpdir(), 'jipiao-bench-'));
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** One process: wall ms, CPU ms and peak RSS (KiB) when /usr/bin/time is there. */
function run(argv, cwd, { pin = true } = {}) {
  const cmd = [...(pin && hasTaskset ? ['taskset', '-c', '0'] : []), ...argv];
  const t0 = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync(TIME, ['-f', '%U %S %M', ...cmd], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd[0], cmd.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const [u, s, m] = hasTime ? (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, cpuMs: ((u ?? NaN) + (s ?? NaN)) * 1000, rssKiB: m ?? NaN };
}

/** Best of `runs` (by wall time; CPU time and RSS of the same run, RSS the highest seen). */
function best(argv, cwd, opts) {
  const all = Array.from({ length: runs }, () => run(argv, cwd, opts));
  const b = all.sort((x, y) => x.ms - y.ms)[0];
  return { ...b, cpuMs: Math.min(...all.map((x) => x.cpuMs)), rssKiB: Math.max(...all.map((x) => x.rssKiB)) };
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kib) => `${(kib / 1024).toFixed(0)} MB`;
const x = (a, b) => `${(a / b).toFixed(2)}×`;

const rows = [];
const lines = [];
try {
  for (const n of sizes) {
    const dir = path.join(root, String(n));
    mkdirSync(dir);
    process.stderr.write(`生成 ${n} 张选票…\n`);
    await generate(dir, n);
    const floor = best([process.execPath, path.join(here, 'floor.js'), 'ballots.csv'], dir);
    const count = best([jipiao, 'count', 'ballots.csv', '--format', 'json'], dir);
    rows.push({ n, floor, count, mb: statSync(path.join(dir, 'ballots.csv')).size / 2 ** 20 });
    process.stderr.write(
      `  count ${s(count.ms)} (CPU ${s(count.cpuMs)}), floor ${s(floor.ms)} (CPU ${s(floor.cpuMs)}), RSS ${mb(count.rssKiB)}\n`,
    );
    if (n >= 1_000_000) rmSync(dir, { recursive: true, force: true });
  }

  // The venue: 5 000 ballots, a 7 500-voter roll, the terminal table (the default output).
  const small = path.join(root, 'small');
  mkdirSync(small);
  await generate(small, 5000);
  const runsSmall = Math.max(runs, 5);
  const bestOf = (argv) => Array.from({ length: runsSmall }, () => run(argv, small)).sort((a, b) => a.ms - b.ms)[0];
  const node0 = bestOf([process.execPath, '-e', '0']);
  const help = bestOf([jipiao, '--help']);
  const venue = bestOf([jipiao, 'count', 'ballots.csv']);
  process.stderr.write(`  node -e 0 ${s(node0.ms)}, --help ${s(help.ms)}, 5 000 张 ${s(venue.ms)}\n`);

  let batchRows = [];
  if (process.env.BENCH_BATCH !== '0') {
    const k = Number(process.env.BENCH_BATCH_N ?? 50);
    const m = Number(process.env.BENCH_BATCH_SIZE ?? 20000);
    const bdir = path.join(root, 'district');
    mkdirSync(bdir);
    for (let i = 0; i < k; i++) {
      const d = path.join(bdir, `社区${String(i + 1).padStart(2, '0')}`);
      mkdirSync(d);
      await generate(d, m, i);
    }
    const builds = [
      ['本版本', jipiao],
      ...(process.env.BENCH_BASE ? [['对照 (BENCH_BASE)', path.join(process.env.BENCH_BASE, 'bin/jipiao.js')]] : []),
    ];
    for (const [name, bin] of builds) {
      const out = path.join(root, `batch-out-${batchRows.length}`);
      const r = run([bin, 'batch', bdir, '--out', out], root, { pin: false });
      rmSync(out, { recursive: true, force: true });
      batchRows.push(`| ${name} | ${k} × ${m.toLocaleString('en')} | ${s(r.ms)} | ${s(r.cpuMs)} | ${mb(r.rssKiB)} |`);
      process.stderr.write(`  batch (${name}) ${s(r.ms)} CPU ${s(r.cpuMs)} RSS ${mb(r.rssKiB)}\n`);
    }
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const load = os.loadavg()[0]?.toFixed(1);
  lines.push(
    '# jipiao 基准测试结果',
    '',
    `机器: ${cpu}, ${os.availableParallelism()} 核, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; 结束时 1 分钟平均负载 ${load}`,
    '',
    '选票: 方格式, 一次性投票, 3 个职务 12 名候选人, 另选, 约 2% 超额, 0.5% 无法辨认 (`test/bench/gen.js`)。',
    `每项是一个完整进程 (含 Node 启动)${hasTaskset ? ', 用 `taskset -c 0` 固定在一个核上' : ''}, 取 ${runs} 次中最快的一次; CPU = 用户态 + 内核态时间,`,
    '峰值 RSS 为整个进程。下限 (floor) = `test/bench/floor.js`: 纯 Node 对同一文件的字节逐个过一遍 (识别引号), 数字段和记录。',
    '机器繁忙时秒数会成倍变化, 比值 (同一次运行中测得) 才有意义; 负载高时以 CPU 时间之比为准。',
    '',
    '| 选票数 | 文件 | count 用时 | CPU | 张/秒 | 峰值 RSS | 下限用时 | 下限 CPU | 用时比 | CPU 比 |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      ({ n, count, floor, mb: size }) =>
        `| ${n.toLocaleString('en')} | ${size.toFixed(0)} MB | ${s(count.ms)} | ${s(count.cpuMs)} | ${Math.round((n * 1000) / count.ms).toLocaleString('en')} | ${mb(count.rssKiB)} | ${s(floor.ms)} | ${s(floor.cpuMs)} | ${x(count.ms, floor.ms)} | ${x(count.cpuMs, floor.cpuMs)} |`,
    ),
    '',
    '| 投票站规模 (5 000 张, 7 500 人名单, 终端表格) | 用时 | CPU | 与 `node -e 0` 之比 (用时 / CPU) |',
    '|---|---:|---:|---:|',
    `| \`node -e 0\` | ${s(node0.ms)} | ${s(node0.cpuMs)} | 1 |`,
    `| \`jipiao --help\` | ${s(help.ms)} | ${s(help.cpuMs)} | ${x(help.ms, node0.ms)} / ${x(help.cpuMs, node0.cpuMs)} |`,
    `| \`jipiao count ballots.csv\` | ${s(venue.ms)} | ${s(venue.cpuMs)} | ${x(venue.ms, node0.ms)} / ${x(venue.cpuMs, node0.cpuMs)} |`,
    '',
    ...(batchRows.length > 0
      ? ['| batch (不固定核) | 选举 × 张 | 用时 | CPU | 峰值 RSS |', '|---|---|---:|---:|---:|', ...batchRows, '']
      : []),
    '目标 (issue 17): 1M 时 count ≤ 5× 下限; 5 000 张 (含名单) ≤ 4× `node -e 0`; 1M 与 5M 时峰值 RSS ≤ 100 MB;',
    'batch 50 × 20 000 不慢于改动前, 且 ≤ 120 MB。',
    '',
  );
  const table = lines.join('\n');
  writeFileSync(path.join(here, 'RESULTS.md'), table);
  process.stdout.write(table);
} finally {
  rmSync(root, { recursive: true, force: true });
}
