/**
 * `jipiao batch DIR [--out DIR] [--strict]` (SPEC §6, 区域复核): every election folder under DIR (a folder
 * holding election.json) counted one after another in this process, a progress bar on a TTY
 * (cli-progress; nothing when not a TTY), a summary table in sorted folder order, and each election's
 * result.json, ballot-log.csv and sheets (report/) written beside its inputs or into --out/<folder>. A
 * broken folder is reported with its error lines and does not stop the others; the run then exits 2 at
 * the end (70 if a folder hit an internal error). --strict: exit 1 when any result is not final (core
 * isFinal).
 *
 * No worker threads (issue 17): with the byte fast path a 20 000-ballot election counts in ~0.2 s of
 * CPU; two workers each held their own V8 heap (50 × 20 000 ballots: 239 MB peak and 12.6 s CPU against
 * 149 MB and 9.0 s here, same outputs). Figures: test/bench/RESULTS.md.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fitTable } from '../adapters/render/fit.js';
import type { Command } from 'commander';
import type { ElectionJob, JobSummary } from './batch-worker.js';
import type { CommandContext } from './context.js';
import { showControls } from '../adapters/safe-text.js';
import { takeLock } from './batch-lock.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_NOT_FINAL, EXIT_OK, formatErrors } from './errors.js';
import { useColor } from './io.js';
import { displayPath } from './pipeline.js';

/** Folders never searched for elections: what we write (report/) and tool folders. */
const SKIP = new Set(['report', 'node_modules']);

/** What a folder walk found: election folders, folders it could not read, symlinks that loop back. */
export interface Walk {
  readonly folders: string[];
  readonly unreadable: string[];
  readonly loops: string[];
}

/**
 * Election folders under root (root itself included; a folder holding election.json, any case), sorted
 * by path. Symbolic links to folders are followed (issue 13: a linked election is an election), a link
 * back to a folder already on the way down is a loop (reported, not followed), a folder reached twice
 * through links is taken once. A folder that cannot be read is returned in `unreadable` (reported, never
 * silently skipped).
 */
export function electionFolders(root: string): Walk {
  const folders: string[] = [];
  const unreadable: string[] = [];
  const loops: string[] = [];
  const visited = new Set<string>();
  // An explicit stack, not recursion: a deep tree cannot overflow it.
  const stack: { dir: string; ancestors: ReadonlySet<string> }[] = [{ dir: root, ancestors: new Set() }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { dir, ancestors } = next;
    let real: string;
    let entries;
    try {
      real = realpathSync(dir);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      unreadable.push(dir);
      continue;
    }
    if (ancestors.has(real)) {
      loops.push(dir);
      continue;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    if (entries.some((d) => d.name.toLowerCase() === 'election.json' && isFileOrLinkToFile(path.join(dir, d.name), d))) folders.push(dir);
    const below = new Set(ancestors).add(real);
    for (const d of entries) {
      if (SKIP.has(d.name) || d.name.startsWith('.')) continue;
      const p = path.join(dir, d.name);
      if (d.isDirectory() || (d.isSymbolicLink() && statSync(p, { throwIfNoEntry: false })?.isDirectory() === true))
        stack.push({ dir: p, ancestors: below });
    }
  }
  const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return { folders: folders.sort(byCodePoint), unreadable: unreadable.sort(byCodePoint), loops: loops.sort(byCodePoint) };
}

function isFileOrLinkToFile(p: string, d: { isFile(): boolean; isSymbolicLink(): boolean }): boolean {
  return d.isFile() || (d.isSymbolicLink() && statSync(p, { throwIfNoEntry: false })?.isFile() === true);
}

/**
 * Count every job, one after another (`count` is runElectionJob; tests pass another); a job that throws
 * (a bug) fails only its folder and the others are counted.
 */
export async function runJobs(
  jobs: readonly ElectionJob[],
  done: (s: JobSummary) => void,
  count?: (job: ElectionJob) => Promise<JobSummary>,
): Promise<JobSummary[]> {
  const { internalFailure, runElectionJob } = await import('./batch-worker.js');
  const results: JobSummary[] = [];
  for (const job of jobs) {
    const s = await (count ?? runElectionJob)(job).catch((e: unknown) => internalFailure(job, e));
    results.push(s);
    done(s);
  }
  return results;
}

export function registerBatch(program: Command, ctx: CommandContext): void {
  program
    .command('batch')
    .description('区域复核: 计算 DIR 下每个选举文件夹')
    .argument('<dir>', '包含多个选举文件夹 (各含 election.json 和选票 CSV) 的文件夹')
    .option('--out <dir>', '输出到此文件夹 (每个选举一个子文件夹); 默认写在各选举文件夹内')
    .option('--strict', '任何一个结果不是最终结果 (选举无效、疑难待认定、需再次投票或另行选举) 时退出码为 1')
    .action(async (dirArg: string, o: Record<string, unknown>) => {
      const { io } = ctx;
      const root = path.resolve(io.cwd, dirArg);
      if (!existsSync(root) || !statSync(root).isDirectory()) {
        io.stderr.write(`错误 [BATCH_NOT_A_FOLDER] ${showControls(dirArg)}: 不存在或不是文件夹\n`);
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      const { folders, unreadable, loops } = electionFolders(root);
      const rel = (dir: string): string => path.relative(root, dir).split(path.sep).join('/');
      const shown = (dir: string): string => rel(dir) || path.basename(dir);
      if (folders.length === 0 && unreadable.length === 0) {
        io.stderr.write(`错误 [BATCH_EMPTY] ${showControls(dirArg)}: 没有找到含 election.json 的选举文件夹\n`);
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      const out = typeof o['out'] === 'string' ? path.resolve(io.cwd, o['out']) : undefined;
      // One output folder per election, by its path relative to DIR (X and X/X never share one).
      const jobs: ElectionJob[] = folders.map((dir) => ({ dir, name: shown(dir), outDir: out ? path.join(out, rel(dir)) : dir }));
      // One run at a time writes into a folder (a second concurrent run is refused, never mixed in).
      const lock = takeLock(out ?? root, io.fs);
      if (!lock.ok) {
        io.stderr.write(formatErrors(lock.error.map((e) => ({ ...e, file: displayPath(io.cwd, e.file ?? '') }))));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      try {
        await runBatch(ctx, o, { jobs, out, unreadable, loops, shown });
      } finally {
        lock.value.release();
      }
    });
}

interface BatchPlan {
  readonly jobs: readonly ElectionJob[];
  readonly out: string | undefined;
  readonly unreadable: readonly string[];
  readonly loops: readonly string[];
  readonly shown: (dir: string) => string;
}

async function runBatch(ctx: CommandContext, o: Record<string, unknown>, plan: BatchPlan): Promise<void> {
  const { io } = ctx;
  const { jobs, out, unreadable, loops, shown } = plan;

  // What batch needs loads on use (issue 17): `jipiao --help` and the other commands never load it.
  const [{ Chalk }, { default: cliProgress }, { default: Table }, { percent }] = await Promise.all([
    import('chalk'),
    import('cli-progress'),
    import('cli-table3'),
    import('../adapters/render/table.js'),
  ]);
  // Progress on a TTY only (stderr, where cli-progress draws); quiet otherwise.
  const bar =
    io.stderr.isTTY && process.stderr.isTTY
      ? new cliProgress.SingleBar(
          { format: '计票 [{bar}] {value}/{total} {name}', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(jobs.length, 0, { name: '' });
  const results = await runJobs(jobs, (s) => bar?.increment(1, { name: s.name })).finally(() => bar?.stop());

  const color = useColor(io);
  const k = new Chalk({ level: color ? 1 : 0 });
  const style = { head: color ? ['bold'] : [], border: color ? ['grey'] : [], compact: true };
  const t = new Table({
    head: ['文件夹', '社区', '选举', '收回', '参选率', '有效', '当选', '尚需'],
    style,
    colAligns: ['left', 'left', 'left', 'right', 'right', 'center', 'right', 'left'],
  });
  let broken = unreadable.length;
  let inputErrors = unreadable.length;
  let internal = 0;
  let notFinal = 0;
  const errors: string[] = unreadable.map(
    (d) => `错误 [BATCH_FOLDER_UNREADABLE] ${showControls(shown(d))}: 无法读取此文件夹 (请检查权限)\n`,
  );
  for (const s of results) {
    if (s.ok) {
      if (!s.final) notFinal++;
      t.push([
        showControls(s.name),
        showControls(s.community),
        showControls(s.title),
        String(s.returned),
        percent(s.returned, s.registered),
        s.valid ? '✓' : k.red('✗'),
        `${s.elected}/${s.seats}`,
        s.todo || '—',
      ]);
    } else {
      broken++;
      if (s.kind === 'input') inputErrors++;
      if (s.kind === 'internal') internal++;
      errors.push(s.errors);
      t.push([showControls(s.name), '', k.red('出错 (见下方错误)'), '', '', '', '', '']);
    }
  }
  const total = results.length + unreadable.length;
  const where = out ? displayPath(io.cwd, out) : '各选举文件夹';
  const failures = [`${inputErrors} 个输入错误`];
  if (broken - inputErrors - internal > 0) failures.push(`${broken - inputErrors - internal} 个无法写入输出`);
  if (internal > 0) failures.push(`${internal} 个内部错误`);
  io.stdout.write(
    `${fitTable(t, io.stdout.columns, [[1], [4]], [2, 7])}\n${filesTaken(results)}共 ${total} 个选举: ${total - broken} 个已计票, ${failures.join(', ')}; ${notFinal} 个结果尚未最终确定; 结果写入 ${where}\n`,
  );
  const notes = loops.map((d) => `注意: ${showControls(shown(d))} 是指回上级文件夹的符号链接 (循环), 未再进入\n`);
  if (errors.length > 0 || notes.length > 0) io.stderr.write([...notes, ...errors].join(''));
  // A bug in any folder: 70; bad inputs or unwritable outputs: 2; then --strict: 1 when not final.
  ctx.setExit(internal > 0 ? EXIT_INTERNAL : broken > 0 ? EXIT_BAD_INPUT : o['strict'] === true && notFinal > 0 ? EXIT_NOT_FINAL : EXIT_OK);
}

/** Per election, the ballots files it counted (issue 13: nothing skipped unseen). */
function filesTaken(results: readonly JobSummary[]): string {
  const lines = results
    .filter((s) => s.ok)
    .map((s) => `  ${showControls(s.name)}: ${(s.ok ? s.files : []).map(showControls).join('、')}\n`);
  return lines.length > 0 ? `计入的选票文件:\n${lines.join('')}` : '';
}
