/**
 * The shared count pipeline of `count`, `report` and `batch`: find the inputs (auto-discovery of
 * election.json, voters.csv and rulings.csv beside the first ballots file, SPEC §6), load them, stream
 * the ballots through the core, return the result and the audit trail of files read.
 */
import { type Stats, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ballotSource } from '../adapters/input/ballots.js';
import { csvRows, headerIndex, splitCsv } from '../adapters/input/csv.js';
import type { Encoding } from '../adapters/input/encoding.js';
import { loadElection } from '../adapters/input/election.js';
import { Sha256Sink, sha256File } from '../adapters/input/hash.js';
import { loadRollIndex } from '../adapters/input/roll.js';
import { loadRulings } from '../adapters/input/rulings.js';
import { loadTallies } from '../adapters/input/tallies.js';
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
  type TallySheet,
  count,
  readTallies,
  err,
  inputError,
  ok,
  ticketKey,
} from '../core/index.js';
import type { BallotLogSink } from './ballot-log.js';
import { PART_WORKER, type PartJob, type PartReply } from './part-worker.js';
import { compiledWorker } from './workers.js';

export interface CountInputOptions {
  readonly election?: string | undefined;
  readonly roll?: string | undefined;
  readonly rulings?: string | undefined;
  readonly encoding?: Encoding | undefined;
  /** Hand-count sheets (计票统计表, `count --tallies`), alone or beside ballot files (issue 16). */
  readonly tallies?: readonly string[] | undefined;
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
  /** Every input file read (absolute paths): outputs are checked against these (outputs.ts). */
  readonly paths: readonly string[];
}

/** Paths are shown as given (relative to cwd), with forward slashes, so outputs are the same everywhere. */
export function displayPath(cwd: string, p: string): string {
  const rel = path.isAbsolute(p) ? path.relative(cwd, p) : p;
  const shown = rel === '' || rel.startsWith('..') ? p : rel;
  return shown.split(path.sep).join('/');
}

function discover(given: string | undefined, dir: string, name: string, cwd: string): string | undefined {
  if (given !== undefined) return path.resolve(cwd, given);
  const p = path.join(dir, name);
  return existsSync(p) && statSync(p).isFile() ? p : undefined;
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
  const tallyFiles = (opts.tallies ?? []).map((f) => path.resolve(cwd, f));
  if (ballotFiles.length === 0 && tallyFiles.length === 0) return err([inputError('USAGE_NO_BALLOTS', '请至少给出一个选票文件 (CSV) 或计票统计表 (--tallies)')]);
  const abs = ballotFiles.map((f) => path.resolve(cwd, f));
  const first = abs[0] ?? tallyFiles[0] ?? '';
  const baseDir = path.dirname(first);
  const electionPath = discover(opts.election, baseDir, 'election.json', cwd);
  if (electionPath === undefined) {
    return err([inputError('ELECTION_NOT_FOUND', `未找到 election.json: 请放在 ${displayPath(cwd, baseDir) || '.'} 下, 或用 --election 指定`)]);
  }
  const electionShown = displayPath(cwd, electionPath);
  const electionDigest = new Sha256Sink();
  const loaded = await loadElection(electionPath, electionShown, electionDigest);
  if (!loaded.ok) return loaded;
  const election = loaded.value;
  const errors: InputError[] = [];

  const rollPath = discover(opts.roll, baseDir, 'voters.csv', cwd);
  let roll: RollIndex | undefined;
  const rollDigest = new Sha256Sink();
  if (rollPath !== undefined) {
    const r = await loadRollIndex(rollPath, displayPath(cwd, rollPath), { ...(opts.encoding ? { encoding: opts.encoding } : {}), digest: rollDigest });
    if (r.ok) roll = r.value;
    else for (const e of r.error) errors.push(e);
  }
  const rulingsPath = opts.noRulings ? undefined : discover(opts.rulings, baseDir, 'rulings.csv', cwd);
  let rulings: Ruling[] = [];
  const rulingsDigest = new Sha256Sink();
  if (rulingsPath !== undefined) {
    const r = await loadRulings(rulingsPath, displayPath(cwd, rulingsPath), { ...(opts.encoding ? { encoding: opts.encoding } : {}), digest: rulingsDigest });
    if (r.ok) rulings = r.value;
    else for (const e of r.error) errors.push(e);
  }
  const tallies = await loadTallySheets(tallyFiles, cwd, election, roll, opts.encoding);
  if (!tallies.ok) errors.push(...tallies.error);
  if (errors.length > 0 || !tallies.ok) return err(errors);
  const registered = resolveRegistered(election, roll, electionShown, rollPath && displayPath(cwd, rollPath));
  if (!registered.ok) return registered;

  const shownBallots = abs.map((p) => displayPath(cwd, p));
  const countOpts = { election, registered: registered.value, roll, rulings, onBallot, tallies: tallies.value };
  const split = opts.split ?? DEFAULT_SPLIT;
  const splitRun =
    split && split.parts > 1 && (onBallot === undefined || sink !== undefined)
      ? await countSplit(abs, shownBallots, countOpts, split, opts.encoding, rollPath === undefined ? undefined : { path: rollPath, display: displayPath(cwd, rollPath) }, sink)
      : undefined;
  if (!splitRun) sink?.reset();
  const parts = splitRun?.parts ?? abs.length;
  // Each file's SHA-256 is taken from the bytes the count read (one read: no second look that could see another file).
  const digests = abs.map(() => new Sha256Sink());
  const counted =
    splitRun?.result ??
    (await count(
      abs.map((p, i) => ballotSource(p, shownBallots[i] ?? p, { ...(opts.encoding ? { encoding: opts.encoding } : {}), digest: digests[i] })),
      countOpts,
    ));
  if (!counted.ok) return err(await locateDuplicates(counted.error, abs, shownBallots, opts.encoding));
  const hashes = splitRun?.hashes ?? digests.map((d) => d.hex());

  const inputs: InputFile[] = [];
  for (let i = 0; i < abs.length; i++) inputs.push({ role: 'ballots', file: shownBallots[i] ?? '', sha256: hashes[i] ?? '' });
  inputs.push({ role: 'election', file: electionShown, sha256: electionDigest.hex() });
  if (rollPath) inputs.push({ role: 'roll', file: displayPath(cwd, rollPath), sha256: rollDigest.hex() });
  if (rulingsPath) inputs.push({ role: 'rulings', file: displayPath(cwd, rulingsPath), sha256: rulingsDigest.hex() });
  for (const t of tallyFiles) inputs.push({ role: 'tallies', file: displayPath(cwd, t), sha256: await sha256File(t) });
  const paths = [...abs, electionPath, ...(rollPath ? [rollPath] : []), ...(rulingsPath ? [rulingsPath] : []), ...tallyFiles];
  return ok({ result: counted.value, inputs, election, baseDir, parts, paths });
}

/** Each `--tallies` sheet read and checked against the election (issue 16). */
async function loadTallySheets(files: readonly string[], cwd: string, election: Election, roll: RollIndex | undefined, encoding: Encoding | undefined): Promise<Result<TallySheet[]>> {
  const errors: InputError[] = [];
  const sheets: TallySheet[] = [];
  for (const f of files) {
    const shown = displayPath(cwd, f);
    const entries = await loadTallies(f, shown, encoding ? { encoding } : {});
    const sheet = entries.ok ? readTallies(shown, entries.value, election, roll) : entries;
    if (sheet.ok) sheets.push(sheet.value);
    else errors.push(...sheet.error);
  }
  return errors.length > 0 ? err(errors) : ok(sheets);
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
): Promise<{ result: Result<CountResult>; parts: number; hashes: string[] } | undefined> {
  const url = compiledWorker('part-worker.js');
  if (!url) return undefined;
  const enc = encoding ? { encoding } : {};
  const counter = new Counter(opts);
  let pieces = 0;
  const hashes: (Sha256Sink | (() => Promise<Result<string>>))[] = [];
  for (let i = 0; i < abs.length; i++) {
    const file = abs[i] ?? '';
    const display = shown[i] ?? file;
    const before = statSync(file, { throwIfNoEntry: false });
    const ranges = before?.isFile() ? await splitCsv(file, split.parts, split.minBytes) : undefined;
    pieces += ranges?.length ?? 1;
    if (!ranges || !before) {
      const digest = new Sha256Sink();
      hashes.push(digest);
      if (!(await counter.add(ballotSource(file, display, { ...enc, digest })))) return undefined;
      continue;
    }
    hashes.push(() => hashUnchanged(file, display, before));
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
  const hex: string[] = [];
  for (const h of hashes) {
    if (h instanceof Sha256Sink) hex.push(h.hex());
    else {
      const r = await h();
      if (!r.ok) return { result: r, parts: pieces, hashes: [] };
      hex.push(r.value);
    }
  }
  return { result: counter.finish(), parts: pieces, hashes: hex };
}

/**
 * A file counted in parts is read by several threads; its hash is taken once they are done, and is
 * trusted only if the file is still the one that was split (same inode, size and modification time).
 */
async function hashUnchanged(file: string, display: string, before: Stats): Promise<Result<string>> {
  const hash = await sha256File(file).catch(() => undefined);
  const after = statSync(file, { throwIfNoEntry: false });
  const same = after !== undefined && after.dev === before.dev && after.ino === before.ino && after.size === before.size && after.mtimeMs === before.mtimeMs;
  if (hash === undefined || !same) {
    return err([inputError('FILE_CHANGED', '文件在计票过程中被改动或替换; 请等文件不再变动后重新计票', { file: display })]);
  }
  return ok(hash);
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
async function locateDuplicates(errors: readonly InputError[], abs: readonly string[], shown: readonly string[], encoding: Encoding | undefined): Promise<InputError[]> {
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
      for await (const row of csvRows(abs[i] ?? '', shown[i] ?? '', encoding ? { encoding } : {})) {
        if (first) {
          first = false;
          col = headerIndex(row.cells).get('票号');
          if (col === undefined) break;
          continue;
        }
        const t = ticketKey((row.cells[col ?? 0] ?? '').trim()); // the 票号 identity of SPEC §2.2
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
