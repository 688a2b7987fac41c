/**
 * The shared count pipeline of `count`, `report` and `batch`: find the inputs (auto-discovery of
 * election.json, voters.csv and rulings.csv beside the first ballots file, SPEC §6), load them, stream
 * the ballots through the core, return the result and the audit trail of files read.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkBallotFiles, explainWrongFiles } from '../adapters/input/ballot-files.js';
import { ballotSource } from '../adapters/input/ballots.js';
import { csvRows, headerIndex, splitCsv } from '../adapters/input/csv.js';
import type { Encoding } from '../adapters/input/encoding.js';
import { loadElection } from '../adapters/input/election.js';
import { sha256File } from '../adapters/input/hash.js';
import { loadRollIndex } from '../adapters/input/roll.js';
import { loadRulings } from '../adapters/input/rulings.js';
import {
  type BallotLogEntry,
  type CountOptions,
  type CountResult,
  type CountState,
  Counter,
  type Election,
  type InputError,
  type InputFile,
  type Result,
  RollIndex,
  type Ruling,
  count,
  err,
  inputError,
  ok,
} from '../core/index.js';
import type { BallotLogSink } from './ballot-log.js';
import { PART_WORKER, type PartJob, type PartReply } from './part-worker.js';
import { compiledWorker } from './workers.js';

export interface CountInputOptions {
  readonly election?: string | undefined;
  readonly roll?: string | undefined;
  readonly rulings?: string | undefined;
  readonly encoding?: Encoding | undefined;
  /** .xlsx ballots files: the sheet to read (default: the first). */
  readonly sheet?: string | undefined;
  /** Ignore discovered rulings.csv (e.g. `jipiao disputes` lists the unruled state). */
  readonly noRulings?: boolean | undefined;
  /**
   * Count big files in parts on several cores (default: on, as many parts as cores up to 4, files of
   * 16 MiB and more — about 300 000 grid ballots; below that starting a worker costs more than it
   * saves). False in a batch worker, where the folders already keep the cores busy.
   */
  readonly split?: SplitOptions | false | undefined;
}

export interface SplitOptions {
  readonly parts: number;
  readonly minBytes: number;
}

const DEFAULT_SPLIT: SplitOptions = { parts: Math.min(availableParallelism(), 4), minBytes: 16 << 20 };

export interface CountRun {
  readonly result: CountResult;
  readonly inputs: readonly InputFile[];
  readonly election: Election;
  /** Folder of the first ballots file (default place for report/). */
  readonly baseDir: string;
  /** Pieces the ballots were counted in: one per file, more when big files were split across cores. */
  readonly parts: number;
}

/** Paths are shown as given (relative to cwd), with forward slashes, so outputs are the same everywhere. */
export function displayPath(cwd: string, p: string): string {
  const rel = path.isAbsolute(p) ? path.relative(cwd, p) : p;
  const shown = rel === '' || rel.startsWith('..') ? p : rel;
  return shown.split(path.sep).join('/');
}

function discover(given: string | undefined, dir: string, name: string, cwd: string): string | undefined {
  if (given !== undefined) return path.resolve(cwd, given);
  // voters.csv, else voters.xlsx (the same for rulings).
  for (const n of [name, name.replace(/\.csv$/u, '.xlsx')]) {
    const p = path.join(dir, n);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
}

export function resolveRegistered(election: Election, roll: { readonly size: number } | undefined, electionFile: string, rollFile: string | undefined): Result<number> {
  if (roll !== undefined && election.registered !== undefined && roll.size !== election.registered) {
    return err([
      inputError(
        'REGISTERED_MISMATCH',
        `election.json 的 registered 为 ${election.registered}, 但选民名单 ${rollFile ?? ''} 有 ${roll.size} 人; 两者必须一致`,
        { file: electionFile, key: 'registered' },
      ),
    ]);
  }
  const n = election.registered ?? roll?.size;
  if (n === undefined) {
    return err([inputError('REGISTERED_MISSING', '未给出登记选民数: 请在 election.json 中写 registered, 或提供选民名单 voters.csv', { file: electionFile, key: 'registered' })]);
  }
  return ok(n);
}

export async function runCount(
  ballotFiles: readonly string[],
  opts: CountInputOptions,
  cwd: string,
  log?: ((e: BallotLogEntry) => void) | BallotLogSink,
): Promise<Result<CountRun>> {
  // A plain callback cannot take a worker's part of the log: such a count is not split.
  const sink = typeof log === 'function' ? undefined : log;
  const onBallot = typeof log === 'function' ? log : log?.add.bind(log);
  if (ballotFiles.length === 0) return err([inputError('USAGE_NO_BALLOTS', '请至少给出一个选票文件 (CSV)')]);
  const abs = ballotFiles.map((f) => path.resolve(cwd, f));
  const unreadable = checkBallotFiles(abs, abs.map((p) => displayPath(cwd, p)));
  if (unreadable.length > 0) return err(unreadable);
  const first = abs[0] ?? '';
  const baseDir = path.dirname(first);
  const electionPath = discover(opts.election, baseDir, 'election.json', cwd);
  if (electionPath === undefined) {
    return err([inputError('ELECTION_NOT_FOUND', `未找到 election.json: 请放在 ${displayPath(cwd, baseDir) || '.'} 下, 或用 --election 指定`)]);
  }
  const electionShown = displayPath(cwd, electionPath);
  const loaded = await loadElection(electionPath, electionShown);
  if (!loaded.ok) return loaded;
  const election = loaded.value;
  const errors: InputError[] = [];

  const rollPath = discover(opts.roll, baseDir, 'voters.csv', cwd);
  let roll: RollIndex | undefined;
  if (rollPath !== undefined) {
    const r = await loadRollIndex(rollPath, displayPath(cwd, rollPath), { ...(opts.encoding ? { encoding: opts.encoding } : {}) });
    if (r.ok) roll = r.value;
    else errors.push(...r.error);
  }
  const rulingsPath = opts.noRulings ? undefined : discover(opts.rulings, baseDir, 'rulings.csv', cwd);
  let rulings: Ruling[] = [];
  if (rulingsPath !== undefined) {
    const r = await loadRulings(rulingsPath, displayPath(cwd, rulingsPath), { ...(opts.encoding ? { encoding: opts.encoding } : {}) });
    if (r.ok) rulings = r.value;
    else errors.push(...r.error);
  }
  if (errors.length > 0) return err(errors);
  const registered = resolveRegistered(election, roll, electionShown, rollPath && displayPath(cwd, rollPath));
  if (!registered.ok) return registered;

  const shownBallots = abs.map((p) => displayPath(cwd, p));
  const countOpts = { election, registered: registered.value, roll, rulings, onBallot };
  const split = opts.split ?? DEFAULT_SPLIT;
  // An .xlsx sheet is read whole (never cut into parts); --sheet names it.
  const splitRun =
    split && split.parts > 1 && opts.sheet === undefined && (onBallot === undefined || sink !== undefined)
      ? await countSplit(abs, shownBallots, countOpts, split, opts.encoding, rollPath === undefined ? undefined : { path: rollPath, display: displayPath(cwd, rollPath) }, sink)
      : undefined;
  if (!splitRun) sink?.reset();
  const parts = splitRun?.parts ?? abs.length;
  const counted =
    splitRun?.result ??
    (await count(
      abs.map((p, i) => ballotSource(p, shownBallots[i] ?? p, { ...(opts.encoding ? { encoding: opts.encoding } : {}), sheet: opts.sheet })),
      countOpts,
    ));
  if (!counted.ok) return err(await explainWrongFiles(await locateDuplicates(counted.error, abs, shownBallots, opts.encoding, opts.sheet), abs, shownBallots, opts.encoding, opts.sheet));

  const inputs: InputFile[] = [];
  for (let i = 0; i < abs.length; i++) inputs.push({ role: 'ballots', file: shownBallots[i] ?? '', sha256: await sha256File(abs[i] ?? '') });
  inputs.push({ role: 'election', file: electionShown, sha256: await sha256File(electionPath) });
  if (rollPath) inputs.push({ role: 'roll', file: displayPath(cwd, rollPath), sha256: await sha256File(rollPath) });
  if (rulingsPath) inputs.push({ role: 'rulings', file: displayPath(cwd, rulingsPath), sha256: await sha256File(rulingsPath) });
  return ok({ result: counted.value, inputs, election, baseDir, parts });
}

/**
 * The count with big files cut into parts (`splitCsv`): the main thread counts the first part while
 * worker threads count the others; their states are merged into the main count (tallies add up). The
 * result is the one the sequential count gives — or undefined whenever it might not be: any input
 * error (so errors are listed exactly as in file order, by the sequential count), a 票号 in two parts,
 * a worker that fails. The caller then counts sequentially.
 */
async function countSplit(
  abs: readonly string[],
  shown: readonly string[],
  opts: CountOptions,
  split: SplitOptions,
  encoding: Encoding | undefined,
  roll: { path: string; display: string } | undefined,
  log: BallotLogSink | undefined,
): Promise<{ result: Result<CountResult>; parts: number } | undefined> {
  const url = compiledWorker('part-worker.js');
  if (!url) return undefined;
  const enc = encoding ? { encoding } : {};
  const counter = new Counter(opts);
  let pieces = 0;
  for (let i = 0; i < abs.length; i++) {
    const file = abs[i] ?? '';
    const display = shown[i] ?? file;
    const ranges = await splitCsv(file, split.parts, split.minBytes);
    pieces += ranges?.length ?? 1;
    if (!ranges) {
      if (!(await counter.add(ballotSource(file, display, enc)))) return undefined;
      continue;
    }
    const logs = ranges.slice(1).map((_, k) => log?.partPath(k + 1));
    const parts = ranges.slice(1).map((range, k) =>
      runPart(url, { path: file, display, encoding, range, election: opts.election, registered: opts.registered, roll, rulings: opts.rulings ?? [], log: logs[k] }),
    );
    const first = await counter.add(ballotSource(file, display, { ...enc, range: ranges[0] }));
    if (!first || counter.errorCount > 0) {
      // The sequential count will list the errors; the other parts are not worth waiting for.
      for (const p of parts) p.stop();
      await Promise.all(parts.map((p) => p.state));
      return undefined;
    }
    const states = await Promise.all(parts.map((p) => p.state));
    for (const st of states) if (!st || !counter.merge(st)) return undefined;
    for (const p of logs) if (p !== undefined) log?.appendPart(p);
  }
  if (counter.errorCount > 0) return undefined;
  return { result: counter.finish(), parts: pieces };
}

/**
 * Heap limits of a part worker, so that two threads together stay within what one used to (issue 6:
 * peak RSS under 150 MB, flat from 1M to 5M ballots): a small young generation (measured: 8 MB let
 * the peak reach 160–185 MB at 5M, 4 MB cost a quarter of the speed), and an old one sized for the
 * roll index the worker loads.
 * A worker that runs out of memory fails, and the caller counts sequentially.
 */
function partLimits(job: PartJob): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  const rollMb = job.roll ? statSync(job.roll.path).size / 2 ** 20 : 0;
  return { maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: Math.ceil(64 + 8 * rollMb) };
}

/** Count one part in a worker thread: its state, or undefined if the worker fails in any way or is stopped. */
function runPart(url: URL, job: PartJob): { readonly state: Promise<CountState | undefined>; stop(): void } {
  let w: Worker | undefined;
  let finish: (s: CountState | undefined) => void = () => undefined;
  const state = new Promise<CountState | undefined>((resolve) => {
    let done = false;
    finish = (s) => {
      if (done) return;
      done = true;
      resolve(s);
      void w?.terminate();
    };
    try {
      w = new Worker(url, { workerData: { kind: PART_WORKER, job }, resourceLimits: partLimits(job) });
    } catch {
      finish(undefined);
      return;
    }
    w.once('message', (m: PartReply) => finish(m.ok ? m.state : undefined));
    w.once('error', () => finish(undefined));
    w.once('exit', () => finish(undefined));
  });
  return { state, stop: () => finish(undefined) };
}

/**
 * The compact ticket registry does not remember where a numeric 票号 was first seen; when duplicates are
 * found, scan the files once more to name both places (rare, so the second pass costs nothing normally).
 */
async function locateDuplicates(errors: readonly InputError[], abs: readonly string[], shown: readonly string[], encoding: Encoding | undefined, sheet?: string): Promise<InputError[]> {
  const wanted = new Map<string, { file: string; line: number }>();
  for (const e of errors) {
    if (e.code !== 'BALLOT_DUPLICATE_TICKET' || e.message.includes('第一次出现')) continue;
    const m = /票号「(.+?)」/u.exec(e.message);
    if (m?.[1] !== undefined) wanted.set(m[1], { file: '', line: 0 });
  }
  if (wanted.size === 0) return [...errors];
  try {
    for (let i = 0; i < abs.length; i++) {
      let col: number | undefined;
      let first = true;
      for await (const row of csvRows(abs[i] ?? '', shown[i] ?? '', { ...(encoding ? { encoding } : {}), sheet })) {
        if (first) {
          first = false;
          col = headerIndex(row.cells).get('票号');
          if (col === undefined) break;
          continue;
        }
        const t = (row.cells[col ?? 0] ?? '').trim();
        const w = wanted.get(t);
        if (w && w.line === 0) wanted.set(t, { file: row.file, line: row.line });
      }
    }
  } catch {
    return [...errors];
  }
  return errors.map((e) => {
    if (e.code !== 'BALLOT_DUPLICATE_TICKET') return e;
    const m = /票号「(.+?)」/u.exec(e.message);
    const w = m?.[1] !== undefined ? wanted.get(m[1]) : undefined;
    if (!w || w.line === 0 || e.message.includes('第一次出现')) return e;
    return { ...e, message: e.message.replace('重复', `重复 (第一次出现在 ${w.file} 第 ${w.line} 行)`) };
  });
}
