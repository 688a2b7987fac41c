/**
 * One election folder of a district re-count (`jipiao batch`, SPEC §6): count it with the shared
 * pipeline and write its outputs — result.json, ballot-log.csv and the sheets (report/) — beside its
 * inputs or into an output folder; return a plain summary (structured-clone safe).
 *
 * This module is also the worker-thread entry of the batch pool: started with
 * `workerData === BATCH_WORKER`, it counts each job it is sent, one at a time. Imported anywhere else
 * (the in-process path, tests), it only exports.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, rmdirSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ballotLogHeader, formatBallotLogLine } from '../adapters/render/ballotlog.js';
import { renderJson } from '../adapters/render/json.js';
import { type BallotLogEntry, type InputError, inputError, isFinal } from '../core/index.js';
import { formatErrors, internalErrorMessage } from './errors.js';
import { runCount } from './pipeline.js';
import { writeSheetFiles } from './sheet-files.js';

/** The workerData a batch worker is started with. */
export const BATCH_WORKER = 'jipiao-batch-worker/1';

export interface ElectionJob {
  /** Election folder (absolute). */
  readonly dir: string;
  /** Folder name as shown (relative to the batch root, forward slashes). */
  readonly name: string;
  /** Where to write (absolute): the folder itself or <out>/<name>. */
  readonly outDir: string;
}

export type JobSummary =
  | {
      readonly ok: true;
      readonly name: string;
      readonly community: string;
      readonly title: string;
      readonly returned: number;
      readonly registered: number;
      readonly valid: boolean;
      readonly elected: number;
      readonly seats: number;
      /** What must still happen, e.g. `疑难 1; 再次投票 1; 另行选举 1`; '' when nothing. */
      readonly todo: string;
      /** core isFinal. */
      readonly final: boolean;
    }
  | {
      readonly ok: false;
      readonly name: string;
      /** input: the folder's inputs are wrong (exit 2); output: its outputs could not be written (exit 2); internal: a bug (exit 70). */
      readonly kind: 'input' | 'output' | 'internal';
      /** The error lines, one per error, each naming the folder. */
      readonly errors: string;
    };

/** Files in an election folder that are not ballots: the roll, the rulings, and what batch writes. */
// … and the empty ballot templates `jipiao init` writes (src/adapters/setup/init.ts templateName).
export const NOT_BALLOTS: ReadonlySet<string> = new Set(['voters.csv', 'rulings.csv', 'ballot-log.csv', '选票模板-表格式.csv', '选票模板-名单式.csv']);

/** Ballots of an election folder: every *.csv in it (not in subfolders) but NOT_BALLOTS, sorted. */
export function ballotFilesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.csv') && !NOT_BALLOTS.has(d.name.toLowerCase()))
    .map((d) => d.name)
    .sort()
    .map((n) => path.join(dir, n));
}

const failed = (job: ElectionJob, errors: readonly InputError[]): JobSummary => ({
  ok: false,
  name: job.name,
  kind: 'input',
  // Paths are relative to the election folder; prefix the folder so every line says where.
  errors: formatErrors(errors.map((e) => ({ ...e, file: e.file === undefined ? job.name : `${job.name}/${e.file}` }))),
});

/** A failure to write outputs (permissions, disk full): an error of that folder, not an internal error. */
class WriteFailed extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(file);
  }
}

function attempt<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof WriteFailed ? e : new WriteFailed(file, e);
  }
}

export async function runElectionJob(job: ElectionJob): Promise<JobSummary> {
  let files: string[];
  try {
    files = ballotFilesOf(job.dir);
  } catch (e) {
    return failed(job, [inputError('BATCH_FOLDER_UNREADABLE', `无法读取此文件夹 (${(e as { code?: string }).code ?? String(e)})`)]);
  }
  if (files.length === 0) return failed(job, [inputError('BATCH_NO_BALLOTS', '文件夹中没有选票文件 (*.csv, voters.csv 和 rulings.csv 除外)')]);
  const logPath = path.join(job.outDir, 'ballot-log.csv');
  const tmp = `${logPath}.tmp`;
  const created = !existsSync(job.outDir);
  /** After a failure: no temp file left, and no empty output folder we made ourselves. */
  const tidy = (): void => {
    try {
      rmSync(tmp, { force: true });
      if (created) rmdirSync(job.outDir);
    } catch {
      // nothing to tidy, or the folder is not ours to remove
    }
  };
  try {
    attempt(job.outDir, () => mkdirSync(job.outDir, { recursive: true }));
    const fd = attempt(tmp, () => openSync(tmp, 'w'));
    let buf = ballotLogHeader();
    const onBallot = (e: BallotLogEntry): void => {
      buf += formatBallotLogLine(e);
      if (buf.length > 1 << 16) {
        attempt(tmp, () => writeSync(fd, buf));
        buf = '';
      }
    };
    let run;
    try {
      // cwd = the folder: paths in result.json and in errors are relative to it, whatever --out is.
      // split: false — the batch pool already keeps every core busy with one folder each.
      run = await runCount(files, { split: false }, job.dir, onBallot);
      if (run.ok) attempt(tmp, () => writeSync(fd, buf));
    } finally {
      closeSync(fd);
    }
    if (!run.ok) {
      tidy();
      return failed(job, run.error);
    }
    attempt(logPath, () => renameSync(tmp, logPath));
    const r = run.value.result;
    const write = (rel: string, text: string): void => {
      const p = path.join(job.outDir, rel);
      attempt(p, () => writeFileSync(p, text));
    };
    write('result.json', renderJson(r, { color: false, inputs: run.value.inputs }));
    const sheetsDir = path.join(job.outDir, 'report');
    attempt(sheetsDir, () => mkdirSync(sheetsDir, { recursive: true }));
    attempt(sheetsDir, () => writeSheetFiles(sheetsDir, r, (p, text) => attempt(p, () => writeFileSync(p, text))));
    const todo: string[] = [];
    const pending = r.disputes.filter((d) => !d.ruling).length;
    if (pending > 0) todo.push(`疑难 ${pending}`);
    const seats = (xs: readonly { seats: number }[]): number => xs.reduce((s, x) => s + x.seats, 0);
    if (r.revote.length > 0) todo.push(`再次投票 ${seats(r.revote)}`);
    if (r.runoff.length > 0) todo.push(`另行选举 ${seats(r.runoff)}`);
    if (r.vacant.length > 0) todo.push(`空缺 ${seats(r.vacant)}`);
    return {
      ok: true,
      name: job.name,
      community: r.election.community ?? '',
      title: r.election.title,
      returned: r.ballots.returned,
      registered: r.ballots.registered,
      valid: r.validity.valid,
      elected: r.elected.length,
      seats: seats(r.election.offices),
      todo: todo.join('; '),
      final: isFinal(r),
    };
  } catch (e) {
    tidy();
    if (e instanceof WriteFailed) {
      const code = (e.cause as { code?: unknown }).code;
      return {
        ok: false,
        name: job.name,
        kind: 'output',
        errors: `错误 [BATCH_WRITE_FAILED] ${job.name}: 无法写入 ${e.file} (${typeof code === 'string' ? code : String(e.cause)}); 请检查输出文件夹的权限和磁盘空间\n`,
      };
    }
    throw e;
  }
}

/** A job that threw (a bug): reported as that folder's error, the other folders go on. */
export function internalFailure(job: ElectionJob, e: unknown): JobSummary {
  return { ok: false, name: job.name, kind: 'internal', errors: `${job.name}: ${internalErrorMessage(e)}` };
}

if (!isMainThread && workerData === BATCH_WORKER) {
  parentPort?.on('message', (job: ElectionJob) => {
    runElectionJob(job).then(
      (s) => parentPort?.postMessage(s),
      (e: unknown) => parentPort?.postMessage(internalFailure(job, e)),
    );
  });
}
