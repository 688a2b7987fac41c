/**
 * Worker-thread entry of the split count (issue 6): counts a later part of a big ballots file — the
 * byte range `splitCsv` cut — and posts the core's CountState back, to be merged by the main thread
 * (which counts the first part meanwhile). Started with `workerData.kind === PART_WORKER`; imported
 * anywhere else, it only exports.
 */
import { closeSync, openSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { formatBallotLogLine } from '../adapters/render/ballotlog.js';
import { type CsvRange, csvBatches } from '../adapters/input/csv.js';
import type { Encoding } from '../adapters/input/encoding.js';
import { loadRollIndex } from '../adapters/input/roll.js';
import { type CountState, Counter, type Election, type RawRow, type Ruling } from '../core/index.js';
import { LineWriter } from './ballot-log.js';

export const PART_WORKER = 'jipiao-part-worker/1';

export interface PartJob {
  readonly path: string;
  readonly display: string;
  readonly encoding: Encoding | undefined;
  readonly range: CsvRange;
  readonly election: Election;
  readonly registered: number;
  readonly roll: { readonly path: string; readonly display: string } | undefined;
  readonly rulings: readonly Ruling[];
  /** Write this part's ballot-log lines (no header) into this file. */
  readonly log?: string | undefined;
}

export type PartReply = { readonly ok: true; readonly state: CountState } | { readonly ok: false; readonly message: string };

/** Count one part (also callable in-process, e.g. by tests). */
export async function countPart(job: PartJob): Promise<CountState> {
  const enc = job.encoding ? { encoding: job.encoding } : {};
  let roll;
  if (job.roll) {
    const r = await loadRollIndex(job.roll.path, job.roll.display, enc);
    if (!r.ok) throw new Error(`roll: ${r.error[0]?.code ?? ''}`);
    roll = r.value;
  }
  let header: RawRow | undefined;
  for await (const batch of csvBatches(job.path, job.display, enc)) {
    header = batch[0];
    break;
  }
  const out = job.log === undefined ? undefined : new LineWriter(openSync(job.log, 'w'));
  try {
    const counter = new Counter({
      election: job.election,
      registered: job.registered,
      roll,
      rulings: job.rulings,
      onBallot: out && ((e) => out.write(formatBallotLogLine(e))),
    });
    await counter.add({
      file: job.display,
      header,
      rows: { [Symbol.asyncIterator]: () => csvBatches(job.path, job.display, { ...enc, range: job.range }) },
    });
    return counter.state();
  } finally {
    if (out) {
      out.flush();
      closeSync(out.fd);
    }
  }
}

if (!isMainThread && parentPort && (workerData as { kind?: unknown } | null)?.kind === PART_WORKER) {
  const port = parentPort;
  countPart((workerData as { job: PartJob }).job).then(
    (state) => port.postMessage({ ok: true, state } satisfies PartReply),
    (e: unknown) => port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) } satisfies PartReply),
  );
}
