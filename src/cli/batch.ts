/**
 * `jipiao batch DIR` (SPEC §6, issue 5): every election folder under DIR (a folder with election.json)
 * counted in parallel on worker threads, a progress bar on a TTY (cli-progress), a summary table, and
 * each election's result.json, ballot-log.csv and sheets written beside its inputs or into --out.
 * A broken folder does not stop the others; the run then exits 2 at the end.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Chalk } from 'chalk';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { percent } from '../adapters/render/table.js';
import type { CommandContext } from './context.js';
import { type ElectionJob, type JobSummary, runElectionJob } from './election-job.js';
import { EXIT_BAD_INPUT, EXIT_NOT_FINAL, EXIT_OK, internalErrorMessage } from './errors.js';
import { useColor } from './io.js';
import { displayPath } from './pipeline.js';

/** Election folders under root, sorted; output folders (report/) are skipped. */
export function electionFolders(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (existsSync(path.join(dir, 'election.json'))) out.push(dir);
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (d.isDirectory() && d.name !== 'report' && d.name !== 'node_modules' && !d.name.startsWith('.')) walk(path.join(dir, d.name));
    }
  };
  walk(root);
  return out.sort();
}

/** The compiled worker next to this module (dist/), or the build's when running from TypeScript sources. */
function workerUrl(): URL | undefined {
  const here = new URL('./batch-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const dist = new URL('../../dist/cli/batch-worker.js', import.meta.url);
  return existsSync(fileURLToPath(dist)) ? dist : undefined;
}

async function runPool(jobs: readonly ElectionJob[], n: number, done: (s: JobSummary) => void): Promise<JobSummary[]> {
  const results = new Array<JobSummary>(jobs.length);
  const url = workerUrl();
  if (!url || n <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[i];
      if (!job) continue;
      const s = await runElectionJob(job).catch((e: unknown): JobSummary => ({ ok: false, name: job.name, errors: internalErrorMessage(e) }));
      results[i] = s;
      done(s);
    }
    return results;
  }
  let next = 0;
  const workers = Array.from({ length: Math.min(n, jobs.length) }, () => new Worker(url));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let current = -1;
            const feed = (): void => {
              if (next >= jobs.length) {
                resolve();
                return;
              }
              current = next++;
              w.postMessage(jobs[current]);
            };
            w.on('message', (s: JobSummary) => {
              results[current] = s;
              done(s);
              feed();
            });
            w.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

export function registerBatch(program: Command, ctx: CommandContext): void {
  program
    .command('batch')
    .description('区域复核: 并行计算 DIR 下每个选举文件夹 (re-count every election folder under DIR in parallel)')
    .argument('<dir>', '包含多个选举文件夹的文件夹')
    .option('--out <dir>', '输出到此文件夹 (每个选举一个子文件夹); 默认写在各选举文件夹内')
    .option('--jobs <n>', '并行数 (默认: CPU 核数)')
    .option('--strict', '任何一个结果不是最终结果时退出码为 1')
    .action(async (dirArg: string, o: Record<string, unknown>) => {
      const { io } = ctx;
      const root = path.resolve(io.cwd, dirArg);
      if (!existsSync(root) || !statSync(root).isDirectory()) {
        io.stderr.write(`错误 [BATCH_NOT_A_FOLDER] ${dirArg}: 不存在或不是文件夹\n`);
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      const folders = electionFolders(root);
      if (folders.length === 0) {
        io.stderr.write(`错误 [BATCH_EMPTY] ${dirArg}: 没有找到含 election.json 的选举文件夹\n`);
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      const out = typeof o['out'] === 'string' ? path.resolve(io.cwd, o['out']) : undefined;
      const jobs: ElectionJob[] = folders.map((dir) => {
        const name = path.relative(root, dir).split(path.sep).join('/') || path.basename(dir);
        return { dir, name, outDir: out ? path.join(out, name) : dir };
      });
      const n = typeof o['jobs'] === 'string' && /^\d+$/u.test(o['jobs']) ? Math.max(1, Number(o['jobs'])) : os.availableParallelism();
      const bar = io.stderr.isTTY ? new cliProgress.SingleBar({ format: '计票 [{bar}] {value}/{total} {name}', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(jobs.length, 0, { name: '' });
      const results = await runPool(jobs, n, (s) => bar?.increment(1, { name: s.name }));
      bar?.stop();
      const k = new Chalk({ level: useColor(io) ? 1 : 0 });
      const style = { head: useColor(io) ? ['bold'] : [], border: useColor(io) ? ['grey'] : [], compact: true };
      const t = new Table({ head: ['文件夹', '社区', '选举', '收回', '参选率', '有效', '当选', '尚需'], style, colAligns: ['left', 'left', 'left', 'right', 'right', 'center', 'right', 'left'] });
      let broken = 0;
      let notFinal = 0;
      const errors: string[] = [];
      for (const s of results) {
        if (s.ok) {
          if (!s.final) notFinal++;
          t.push([s.name, s.community, s.title, String(s.returned), percent(s.returned, s.registered), s.valid ? '✓' : k.red('✗'), `${s.elected}/${s.seats}`, s.todo || '—']);
        } else {
          broken++;
          errors.push(s.errors);
          t.push([s.name, '', k.red('输入错误 (见下)'), '', '', '', '', '']);
        }
      }
      io.stdout.write(`${t.toString()}\n共 ${results.length} 个选举: ${results.length - broken} 个已计票, ${broken} 个输入错误; 结果写入 ${out ? displayPath(io.cwd, out) : '各选举文件夹'}\n`);
      if (errors.length > 0) io.stderr.write(errors.join(''));
      ctx.setExit(broken > 0 ? EXIT_BAD_INPUT : o['strict'] === true && notFinal > 0 ? EXIT_NOT_FINAL : EXIT_OK);
    });
}
