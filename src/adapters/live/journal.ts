/**
 * The live journal (issue 19): nothing typed is lost, nothing is doubled, corrections never delete.
 *
 * Two files in the election folder:
 * - `现场计票-日志.jsonl` — the event log, the source of truth: one JSON line per event (save, undo,
 *   edit, freeze), with who and when, and for a correction the row before and after. Only appended;
 *   each line is written and fsynced before the page is told the ballot is saved.
 * - `现场计票.csv` — the ballots as they now stand, a normal grid-layout ballots CSV that `jipiao
 *   count`/`report` read unchanged. A save appends a row after its log line is fsynced; a correction
 *   rewrites the file atomically (temporary file, fsync, rename) after its event is in the log.
 * On start the log is replayed; a last line cut off by a power failure was never confirmed to any page
 * and is dropped; the CSV is rewritten from the log whenever it does not match it.
 *
 * Second-entry (复核) stations type the same ballots into a check track, kept in the log only; the k-th
 * check ballot of a 票箱 is compared with the k-th ballot of that 票箱 on the main track.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { type InputError, type Result, err, inputError, ok } from '../../core/index.js';
import { errorMessage } from '../messages.js';

export const JOURNAL_CSV = '现场计票.csv';
export const JOURNAL_LOG = '现场计票-日志.jsonl';

export type Track = 'main' | 'check';

export interface Entry {
  readonly track: Track;
  /** Main track: the 票号. Check track: the position within its 票箱 (1-based) as text. */
  readonly ticket: string;
  readonly box: string;
  readonly station: string;
  /** Sequence number of the event that saved (or last edited) it. */
  readonly seq: number;
  readonly cells: readonly string[];
}

interface Base {
  readonly seq: number;
  readonly at: string;
  readonly station: string;
}
export type JournalEvent =
  | (Base & {
      readonly op: 'save';
      readonly track: Track;
      readonly id: string;
      readonly box: string;
      readonly ticket: string;
      readonly cells: readonly string[];
    })
  | (Base & {
      readonly op: 'undo';
      readonly track: Track;
      readonly box: string;
      readonly ticket: string;
      readonly before: readonly string[];
    })
  | (Base & {
      readonly op: 'edit';
      readonly track: Track;
      readonly box: string;
      readonly ticket: string;
      readonly before: readonly string[];
      readonly after: readonly string[];
    })
  | (Base & { readonly op: 'freeze'; readonly sha256: string });

export interface JournalView {
  readonly main: readonly Entry[];
  readonly check: readonly Entry[];
  readonly events: readonly JournalEvent[];
  /** SHA-256 of the journal once frozen by 结束计票. */
  readonly sha256: string | undefined;
  readonly nextTicket: string;
}

type NewEvent = JournalEvent extends infer E ? (E extends JournalEvent ? Omit<E, 'seq' | 'at'> : never) : never;

const BOM = '\uFEFF';

export function csvLine(cells: readonly string[]): string {
  return stringify([cells as string[]], { record_delimiter: '\n' });
}

/**
 * The events of a log text: its complete lines, each with its line number, and their byte length. A last
 * line without its newline was cut off when the power went (never confirmed to any page) and is left out.
 */
export function readLog(text: string): Result<{ events: { event: JournalEvent; line: number }[]; good: number }> {
  const events: { event: JournalEvent; line: number }[] = [];
  let good = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const last = i === lines.length - 1;
    if (line === '') {
      if (!last) good += 1;
      continue;
    }
    if (last) break;
    try {
      events.push({ event: JSON.parse(line) as JournalEvent, line: i + 1 });
    } catch {
      return err([
        inputError('LIVE_JOURNAL_CORRUPT', `日志第 ${i + 1} 行不是完整的记录; 日志不能手工修改`, { file: JOURNAL_LOG, line: i + 1 }),
      ]);
    }
    good += Buffer.byteLength(line, 'utf8') + 1;
  }
  return ok({ events, good });
}

/**
 * The events of the log beside a journal CSV, read only (`jipiao report` on a finished live count); undefined
 * when the file is not a live journal or has no log.
 */
export function journalEventsBeside(csvPath: string): Result<JournalEvent[]> | undefined {
  if (path.basename(csvPath) !== JOURNAL_CSV) return undefined;
  const log = path.join(path.dirname(csvPath), JOURNAL_LOG);
  if (!existsSync(log)) return undefined;
  const read = readLog(readFileSync(log, 'utf8'));
  return read.ok ? ok(read.value.events.map((e) => e.event)) : read;
}

export class Journal {
  private readonly main: Entry[] = [];
  private readonly check: Entry[] = [];
  private readonly ids = new Map<string, Entry>();
  private readonly events: JournalEvent[] = [];
  private logFd: number;
  private frozen: string | undefined;

  private constructor(
    readonly dir: string,
    readonly header: readonly string[],
    private readonly now: () => Date,
  ) {
    this.logFd = -1;
  }

  get csvPath(): string {
    return path.join(this.dir, JOURNAL_CSV);
  }
  get logPath(): string {
    return path.join(this.dir, JOURNAL_LOG);
  }

  /** Open (or start) the journal of `dir`, replaying its log. */
  static open(dir: string, header: readonly string[], now: () => Date = () => new Date()): Result<Journal> {
    const j = new Journal(dir, header, now);
    if (!existsSync(j.logPath) && existsSync(j.csvPath)) {
      return err([
        inputError('LIVE_JOURNAL_WITHOUT_LOG', `${JOURNAL_CSV} 已存在, 但没有它的日志 ${JOURNAL_LOG}; 请把它移走或改名后再开始现场计票`, {
          file: JOURNAL_CSV,
        }),
      ]);
    }
    if (existsSync(j.csvPath) && existsSync(j.logPath)) {
      // The CSV's header says which election.json the log was written for (same number of columns is not enough).
      const first =
        readFileSync(j.csvPath, 'utf8')
          .replace(/^\uFEFF/u, '')
          .split('\n')[0] ?? '';
      if (`${first}\n` !== csvLine(header)) {
        return err([
          inputError('LIVE_JOURNAL_HEADER', `${JOURNAL_CSV} 的表头与现在的 election.json 不符; 计票开始后不能修改 election.json`, {
            file: JOURNAL_CSV,
            line: 1,
          }),
        ]);
      }
    }
    const replayed = existsSync(j.logPath) ? j.replay() : ok(0);
    if (!replayed.ok) return replayed;
    j.logFd = openSync(j.logPath, 'a');
    if (replayed.value >= 0) ftruncateSync(j.logFd, replayed.value);
    const want = j.csvText();
    if (!existsSync(j.csvPath) || readFileSync(j.csvPath, 'utf8') !== want) atomicWrite(j.csvPath, want);
    return ok(j);
  }

  /** Replay the log; the byte length of its complete lines (a torn last line is cut off). */
  private replay(): Result<number> {
    const read = readLog(readFileSync(this.logPath, 'utf8'));
    if (!read.ok) return read;
    for (const { event, line } of read.value.events) {
      const problem = this.apply(event);
      if (problem) return err([{ ...problem, line }]);
      this.events.push(event);
    }
    return ok(read.value.good);
  }

  /** Apply one event to the state; an error when the log does not fit the election (changed election.json). */
  private apply(ev: JournalEvent): InputError | undefined {
    if (ev.op === 'freeze') {
      this.frozen = ev.sha256;
      return undefined;
    }
    const cells = ev.op === 'save' ? ev.cells : ev.op === 'edit' ? ev.after : ev.before;
    if (cells.length !== this.header.length) {
      return inputError(
        'LIVE_JOURNAL_HEADER',
        `日志中的选票有 ${cells.length} 列, 现在的 election.json 需要 ${this.header.length} 列; 计票开始后不能修改 election.json`,
        { file: JOURNAL_LOG },
      );
    }
    const list = ev.track === 'main' ? this.main : this.check;
    const at = list.findIndex((e) => e.ticket === ev.ticket && e.box === ev.box);
    if (ev.op === 'save') {
      const e: Entry = { track: ev.track, ticket: ev.ticket, box: ev.box, station: ev.station, seq: ev.seq, cells: ev.cells };
      list.push(e);
      this.ids.set(ev.id, e);
    } else if (ev.op === 'undo') {
      if (at >= 0) list.splice(at, 1);
    } else if (at >= 0) {
      const old = list[at] as Entry;
      list[at] = { ...old, cells: ev.after };
    }
    return undefined;
  }

  private append(ne: NewEvent): JournalEvent {
    if (this.frozen !== undefined && ne.op !== 'freeze') throw new Error('journal is frozen');
    const ev = { seq: this.events.length + 1, at: this.now().toISOString(), ...ne } as JournalEvent;
    writeSync(this.logFd, `${JSON.stringify(ev)}\n`);
    fsyncSync(this.logFd);
    const problem = this.apply(ev);
    if (problem) throw new Error(errorMessage(problem));
    this.events.push(ev);
    return ev;
  }

  get isFrozen(): boolean {
    return this.frozen !== undefined;
  }
  get frozenSha256(): string | undefined {
    return this.frozen;
  }
  entries(track: Track): readonly Entry[] {
    return track === 'main' ? this.main : this.check;
  }
  allEvents(): readonly JournalEvent[] {
    return this.events;
  }
  byId(id: string): Entry | undefined {
    return this.ids.get(id);
  }

  /** The journal as it stands now, unaffected by later saves (arrays copied; entries never change). */
  view(): JournalView {
    return { main: [...this.main], check: [...this.check], events: [...this.events], sha256: this.frozen, nextTicket: this.nextTicket() };
  }

  /** The 票号 of the next main ballot: one more than the highest so far, six digits. */
  nextTicket(): string {
    let max = 0;
    for (const e of this.main) max = Math.max(max, Number.parseInt(e.ticket, 10) || 0);
    return String(max + 1).padStart(6, '0');
  }

  /** Position of the next check ballot in a 票箱. */
  nextCheck(box: string): string {
    let max = 0;
    for (const e of this.check) if (e.box === box) max = Math.max(max, Number(e.ticket));
    return String(max + 1);
  }

  /** Save a ballot; a repeated request id (a page that retried) returns the ballot saved the first time. */
  save(track: Track, id: string, station: string, box: string, ticket: string, cells: readonly string[]): Entry {
    const seen = this.ids.get(id);
    if (seen) return seen;
    this.append({ op: 'save', track, id, station, box, ticket, cells });
    const e = this.ids.get(id) as Entry;
    // The log line above is the durable record (fsynced); the CSV row follows it and is rebuilt from
    // the log on the next start if the power goes before the system writes it out.
    if (track === 'main') {
      const fd = openSync(this.csvPath, 'a');
      try {
        writeSync(fd, csvLine(cells));
      } finally {
        closeSync(fd);
      }
    }
    return e;
  }

  /** The station's latest ballot on a track that still stands (what 撤销上一张 withdraws). */
  lastOf(track: Track, station: string): Entry | undefined {
    let best: Entry | undefined;
    for (const e of this.entries(track)) if (e.station === station && (!best || e.seq > best.seq)) best = e;
    return best;
  }

  undo(e: Entry, station: string): void {
    this.append({ op: 'undo', track: e.track, station, box: e.box, ticket: e.ticket, before: e.cells });
    if (e.track === 'main') atomicWrite(this.csvPath, this.csvText());
  }

  edit(e: Entry, station: string, after: readonly string[]): void {
    this.append({ op: 'edit', track: e.track, station, box: e.box, ticket: e.ticket, before: e.cells, after });
    if (e.track === 'main') atomicWrite(this.csvPath, this.csvText());
  }

  freeze(station: string, sha256: string): void {
    this.append({ op: 'freeze', station, sha256 });
  }

  csvText(): string {
    return BOM + csvLine(this.header) + this.main.map((e) => csvLine(e.cells)).join('');
  }

  close(): void {
    if (this.logFd >= 0) closeSync(this.logFd);
    this.logFd = -1;
  }
}

/** Write a file so that it is either the old or the new content, never half (temporary file, fsync, rename). */
export function atomicWrite(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
