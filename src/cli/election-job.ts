/**
 * One election folder of a district re-count (`jipiao batch`): count it and write its outputs —
 * result.json, ballot-log.csv and the sheets — beside its inputs or into an output folder. Runs in a
 * worker thread (batch-worker.ts) or in-process; returns a plain summary either way.
 */
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ballotLogHeader, formatBallotLogLine } from '../adapters/render/ballotlog.js';
import { renderJson } from '../adapters/render/json.js';
import { sheetsHtml } from '../adapters/report/html.js';
import { buildSheets } from '../adapters/report/sheets.js';
import { sheetText } from '../adapters/report/text.js';
import { type BallotLogEntry, isFinal } from '../core/index.js';
import { formatErrors } from './errors.js';
import { runCount } from './pipeline.js';

export interface ElectionJob {
  /** Election folder (absolute). */
  readonly dir: string;
  /** Folder name as shown (relative to the batch root). */
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
      readonly todo: string;
      readonly final: boolean;
    }
  | { readonly ok: false; readonly name: string; readonly errors: string };

/** Files we write ourselves, never read back as ballots. */
const OWN = new Set(['voters.csv', 'rulings.csv', 'ballot-log.csv']);

export function ballotFilesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.csv') && !OWN.has(d.name))
    .map((d) => path.join(dir, d.name))
    .sort();
}

export async function runElectionJob(job: ElectionJob): Promise<JobSummary> {
  const files = ballotFilesOf(job.dir);
  if (files.length === 0) return { ok: false, name: job.name, errors: `错误 [BATCH_NO_BALLOTS] ${job.name}: 文件夹中没有选票文件 (*.csv)\n` };
  mkdirSync(job.outDir, { recursive: true });
  const logPath = path.join(job.outDir, 'ballot-log.csv');
  const fd = openSync(`${logPath}.tmp`, 'w');
  let buf = ballotLogHeader();
  const onBallot = (e: BallotLogEntry): void => {
    buf += formatBallotLogLine(e);
    if (buf.length > 1 << 16) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  let run;
  try {
    run = await runCount(files, {}, job.dir, onBallot);
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  if (!run.ok) rmSync(`${logPath}.tmp`, { force: true });
  if (!run.ok) return { ok: false, name: job.name, errors: formatErrors(run.error.map((e) => ({ ...e, file: e.file === undefined ? undefined : `${job.name}/${e.file}` }))) };
  renameSync(`${logPath}.tmp`, logPath);
  const r = run.value.result;
  writeFileSync(path.join(job.outDir, 'result.json'), renderJson(r, { color: false, inputs: run.value.inputs }));
  const sheetsDir = path.join(job.outDir, 'report');
  mkdirSync(sheetsDir, { recursive: true });
  const sheets = buildSheets(r);
  for (const s of sheets) {
    writeFileSync(path.join(sheetsDir, `${s.id}.txt`), sheetText(s));
    writeFileSync(path.join(sheetsDir, `${s.id}.html`), sheetsHtml(`${r.election.title} ${s.id}`, [s]));
  }
  writeFileSync(path.join(sheetsDir, '全部文书.html'), sheetsHtml(r.election.title, sheets));
  const todo: string[] = [];
  const pending = r.disputes.filter((d) => !d.ruling).length;
  if (pending > 0) todo.push(`疑难 ${pending}`);
  if (r.revote.length > 0) todo.push(`再次投票 ${r.revote.reduce((s, x) => s + x.seats, 0)}`);
  if (r.runoff.length > 0) todo.push(`另行选举 ${r.runoff.reduce((s, x) => s + x.seats, 0)}`);
  if (r.vacant.length > 0) todo.push(`空缺 ${r.vacant.reduce((s, x) => s + x.seats, 0)}`);
  return {
    ok: true,
    name: job.name,
    community: r.election.community ?? '',
    title: r.election.title,
    returned: r.ballots.returned,
    registered: r.ballots.registered,
    valid: r.validity.valid,
    elected: r.elected.length,
    seats: r.election.offices.reduce((s, o) => s + o.seats, 0),
    todo: todo.join('; '),
    final: isFinal(r),
  };
}
