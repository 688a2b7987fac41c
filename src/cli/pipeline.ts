/**
 * The shared count pipeline of `count`, `report` and `batch`: find the inputs (auto-discovery of
 * election.json, voters.csv and rulings.csv beside the first ballots file, SPEC §6), load them, stream
 * the ballots through the core, return the result and the audit trail of files read.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { type CsvOptions, csvRows, headerIndex } from '../adapters/input/csv.js';
import { type BallotFilesRead, checkBallotFiles, explainWrongFiles } from '../adapters/input/ballot-files.js';
import type { Encoding } from '../adapters/input/encoding.js';
import { loadElection } from '../adapters/input/election.js';
import { Sha256Sink } from '../adapters/input/hash.js';
import { loadRollIndex } from '../adapters/input/roll.js';
import { loadRulings } from '../adapters/input/rulings.js';
import { loadTallies } from '../adapters/input/tallies.js';
import { countBallotFiles } from '../adapters/input/fast-grid.js';
import {
  type BallotLogEntry,
  type CountResult,
  type Election,
  type InputError,
  type InputFile,
  type Result,
  RollIndex,
  type Ruling,
  type TallySheet,
  readTallies,
  err,
  inputError,
  must,
  ok,
  resolveRegistered,
  ticketKey,
} from '../core/index.js';
import type { BallotLogSink } from './ballot-log.js';
import { sameFile } from './outputs.js';

export interface CountInputOptions {
  readonly election?: string | undefined;
  readonly roll?: string | undefined;
  readonly rulings?: string | undefined;
  readonly encoding?: Encoding | undefined;
  /** Hand-count sheets (计票统计表, `count --tallies`), alone or beside ballot files (issue 16). */
  readonly tallies?: readonly string[] | undefined;
  /** .xlsx ballots files: the sheet to read (default: the first). */
  readonly sheet?: string | undefined;
  /** Ignore discovered rulings.csv (e.g. `jipiao disputes` lists the unruled state). */
  readonly noRulings?: boolean | undefined;
}

export interface CountRun {
  readonly result: CountResult;
  readonly inputs: readonly InputFile[];
  readonly election: Election;
  /** Folder of the first ballots file (default place for report/). */
  readonly baseDir: string;
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
  // voters.csv, else voters.xlsx (the same for rulings).
  for (const n of [name, name.replace(/\.csv$/u, '.xlsx')]) {
    const p = path.join(dir, n);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
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
  if (ballotFiles.length === 0 && tallyFiles.length === 0)
    return err([inputError('USAGE_NO_BALLOTS', '请至少给出一个选票文件 (CSV) 或计票统计表 (--tallies)')]);
  const abs = ballotFiles.map((f) => path.resolve(cwd, f));
  const shown = abs.map((p) => displayPath(cwd, p));
  const unreadable = [...checkBallotFiles(abs, shown), ...givenTwice(abs, shown)];
  if (unreadable.length > 0) return err(unreadable);
  const first = abs[0] ?? tallyFiles[0] ?? '';
  const baseDir = path.dirname(first);
  const electionPath = discover(opts.election, baseDir, 'election.json', cwd);
  if (electionPath === undefined) {
    return err([
      inputError('ELECTION_NOT_FOUND', `未找到 election.json: 请放在 ${displayPath(cwd, baseDir) || '.'} 下, 或用 --election 指定`),
    ]);
  }
  const electionShown = displayPath(cwd, electionPath);
  const electionDigest = new Sha256Sink();
  const loaded = await loadElection(electionPath, electionShown, electionDigest);
  if (!loaded.ok) return loaded;
  const election = loaded.value;
  const errors: InputError[] = [];

  const enc = opts.encoding ? { encoding: opts.encoding } : {};
  const rollSide = await loadSide(discover(opts.roll, baseDir, 'voters.csv', cwd), cwd, errors, (p, shown, digest) =>
    loadRollIndex(p, shown, { ...enc, digest }),
  );
  const rulingsSide = await loadSide(
    opts.noRulings ? undefined : discover(opts.rulings, baseDir, 'rulings.csv', cwd),
    cwd,
    errors,
    (p, shown, digest) => loadRulings(p, shown, { ...enc, digest }),
  );
  const roll = rollSide.value;
  const rollPath = rollSide.path;
  const rulingsPath = rulingsSide.path;
  const rulings: Ruling[] = rulingsSide.value ?? []; // no rulings file: no rulings
  const tallyDigests = tallyFiles.map(() => new Sha256Sink());
  const tallies = await loadTallySheets(tallyFiles, tallyDigests, cwd, election, roll, opts.encoding);
  if (!tallies.ok) errors.push(...tallies.error);
  if (errors.length > 0 || !tallies.ok) return err(errors);
  const registered = resolveRegistered(election, roll, electionShown, rollPath && displayPath(cwd, rollPath));
  if (!registered.ok) return registered;

  const countOpts = { election, registered: registered.value, roll, rulings, onBallot, tallies: tallies.value };
  const counted = await countFiles(abs, shown, opts, countOpts, sink);
  if (!counted.ok) return counted;
  const { result, hashes } = counted.value;

  const sides = [
    { role: 'election' as const, path: electionPath, digest: electionDigest },
    ...(rollPath ? [{ role: 'roll' as const, path: rollPath, digest: rollSide.digest }] : []),
    ...(rulingsPath ? [{ role: 'rulings' as const, path: rulingsPath, digest: rulingsSide.digest }] : []),
    ...tallyFiles.map((t, i) => ({ role: 'tallies' as const, path: t, digest: must(tallyDigests[i], 'a digest per tally sheet') })),
  ];
  const inputs: InputFile[] = [
    ...shown.map((file, i) => ({ role: 'ballots' as const, file, sha256: must(hashes[i], 'a digest per ballots file') })),
    ...sides.map((x) => ({ role: x.role, file: displayPath(cwd, x.path), sha256: x.digest.hex() })),
  ];
  const paths = [...abs, ...sides.map((x) => x.path)];
  return ok({ result, inputs, election, baseDir, paths });
}

/** The ballots files counted (the byte fast path, or the exact path), each hashed from the bytes read. */
async function countFiles(
  abs: readonly string[],
  shownBallots: readonly string[],
  opts: CountInputOptions,
  countOpts: Parameters<typeof countBallotFiles>[2],
  sink: BallotLogSink | undefined,
): Promise<Result<{ result: CountResult; hashes: string[] }>> {
  const onBallot = countOpts.onBallot;
  // The byte fast path may have to start over, with a ballot log that can start over too.
  const restart = onBallot === undefined ? () => undefined : sink && (() => sink.reset());
  const files = abs.map((p, i) => ({ path: p, display: shownBallots[i] ?? p }));
  // Each file's SHA-256 is taken from the bytes the count read (one read: no second look that could see
  // another file); an attempt that starts over starts with new digests.
  let digests: Sha256Sink[] = [];
  const freshDigests = (): Sha256Sink[] => (digests = abs.map(() => new Sha256Sink()));
  const counted = await countBallotFiles(
    files,
    { ...(opts.encoding ? { encoding: opts.encoding } : {}), sheet: opts.sheet },
    countOpts,
    restart,
    freshDigests,
  );
  if (!counted.ok) {
    const read: BallotFilesRead = {
      abs,
      shown: shownBallots,
      csv: { ...(opts.encoding ? { encoding: opts.encoding } : {}), sheet: opts.sheet },
    };
    return err(await explainWrongFiles(await locateDuplicates(counted.error, read), read));
  }
  return ok({ result: counted.value, hashes: digests.map((d) => d.hex()) });
}

/**
 * A ballots file named twice (the same path, or another name for the same file): one error, not a
 * duplicate 票号 for each of its ballots.
 */
function givenTwice(abs: readonly string[], shown: readonly string[]): InputError[] {
  const errors: InputError[] = [];
  abs.forEach((p, j) => {
    const i = abs.findIndex((q, k) => k < j && sameFile(p, q));
    if (i >= 0) {
      const msg = `与 ${shown[i] ?? ''} 是同一个文件, 给了两次; 每个票箱的选票只能计一次`;
      errors.push(inputError('BALLOTS_GIVEN_TWICE', msg, { file: shown[j] ?? p }));
    }
  });
  return errors;
}

/** A file beside the ballots (roll, rulings), read once with its digest; its errors join `errors`. */
async function loadSide<T>(
  p: string | undefined,
  cwd: string,
  errors: InputError[],
  load: (p: string, shown: string, digest: Sha256Sink) => Promise<Result<T>>,
): Promise<{ path: string | undefined; value: T | undefined; digest: Sha256Sink }> {
  const digest = new Sha256Sink();
  if (p === undefined) return { path: undefined, value: undefined, digest };
  const r = await load(p, displayPath(cwd, p), digest);
  if (!r.ok) errors.push(...r.error);
  return { path: p, value: r.ok ? r.value : undefined, digest };
}

/** Each `--tallies` sheet read and checked against the election (issue 16). */
async function loadTallySheets(
  files: readonly string[],
  digests: readonly Sha256Sink[],
  cwd: string,
  election: Election,
  roll: RollIndex | undefined,
  encoding: Encoding | undefined,
): Promise<Result<TallySheet[]>> {
  const errors: InputError[] = [];
  const sheets: TallySheet[] = [];
  for (const [i, f] of files.entries()) {
    const shown = displayPath(cwd, f);
    // Hashed from the bytes read, like every other input (issue 13: one read).
    const entries = await loadTallies(f, shown, { ...(encoding ? { encoding } : {}), digest: digests[i] });
    const sheet = entries.ok ? readTallies(shown, entries.value, election, roll) : entries;
    if (sheet.ok) sheets.push(sheet.value);
    else errors.push(...sheet.error);
  }
  return errors.length > 0 ? err(errors) : ok(sheets);
}

/**
 * The compact ticket registry does not remember where a numeric 票号 was first seen; when duplicates are
 * found, scan the files once more to name both places (rare, so the second pass costs nothing normally).
 */
async function locateDuplicates(errors: readonly InputError[], files: BallotFilesRead): Promise<InputError[]> {
  const { abs, shown, csv } = files;
  const wanted = new Map<string, { file: string; line: number }>();
  for (const e of errors) {
    if (e.code === 'BALLOT_DUPLICATE_TICKET' && e.firstSeen === undefined) wanted.set(e.ticket, { file: '', line: 0 });
  }
  if (wanted.size === 0) return [...errors];
  try {
    for (let i = 0; i < abs.length; i++) await firstPlaces(abs[i] ?? '', shown[i] ?? '', wanted, csv);
  } catch {
    return [...errors];
  }
  return errors.map((e) => {
    if (e.code !== 'BALLOT_DUPLICATE_TICKET' || e.firstSeen !== undefined) return e;
    const w = wanted.get(e.ticket);
    return w === undefined || w.line === 0 ? e : { ...e, firstSeen: w };
  });
}

/** Where each wanted 票号 is first seen in one ballots file (a place already found is kept). */
async function firstPlaces(
  abs: string,
  shown: string,
  wanted: Map<string, { file: string; line: number }>,
  csv: CsvOptions,
): Promise<void> {
  let col: number | undefined;
  let first = true;
  for await (const row of csvRows(abs, shown, csv)) {
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
