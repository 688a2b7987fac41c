/**
 * The count's fast path (issue 17). A byte scanner (adapters/input/fast-grid.ts) hands over rows it found
 * plainly common — ASCII 票号, every other cell empty or one character, nothing else — packed: a key per
 * row instead of strings per cell. Rows with the same key have the same cells apart from the 票号, so they
 * read and classify the same: the first of them is read and classified by the exact code (`readRow`,
 * `classify`), and the others only count (one integer per key, added into the Tally at the end). A key
 * whose first row reads as anything but a plain ballot (an error, a dispute, another 票号), and every row
 * with a ruling, goes back to the exact path row by row, with its own cells. Every 票号 still goes through
 * the ticket registry in file order, so duplicates are found exactly as before. Pure.
 */
import { type HeaderPlan, type RawRow, readRow } from './ballot.js';
import type { BallotLogEntry, Ruling } from './count.js';
import { type Classified, type PrintedIndex, classify } from './classify.js';
import type { Election } from './model.js';
import { type InputError, inputError } from './result.js';
import type { RollIndex } from './roll.js';
import type { Tally } from './tally.js';
import type { TicketRegistry } from './tickets.js';

/** Packed rows of one batch; valid only until the source is asked for its next batch. */
export interface FastRowsData {
  readonly file: string;
  /** Line of row i. */
  readonly lines: Int32Array;
  /** The row's cells other than the 票号, as numbers: equal keys ⇔ equal cells (票号 aside). */
  readonly key: Float64Array;
  readonly key2: Float64Array;
  readonly box: Int32Array;
  ticket(i: number): string;
  cells(i: number): string[];
}

/** Rows [from, to) of a batch's packed rows, in file order among the batch's other rows. */
export interface FastRows {
  readonly kind: 'fast-rows';
  readonly data: FastRowsData;
  readonly from: number;
  readonly to: number;
}

export function isFastRows(x: unknown): x is FastRows {
  return (x as { kind?: unknown }).kind === 'fast-rows';
}

export function duplicateTicket(file: string, line: number, column: number, ticket: string, prev: string): InputError {
  const first = prev === '' ? '' : ` (第一次出现在 ${prev})`;
  return inputError('BALLOT_DUPLICATE_TICKET', `票号「${ticket}」重复${first}; 每张选票的票号必须唯一`, { file, line, column });
}

/** What the fast path needs of the Counter. */
export interface FastContext {
  readonly election: Election;
  readonly printed: PrintedIndex;
  readonly roll: RollIndex | undefined;
  readonly tickets: TicketRegistry;
  readonly rulings: ReadonlyMap<string, Ruling>;
  readonly tally: Tally;
  readonly onBallot: ((entry: BallotLogEntry) => void) | undefined;
  /** Record an input error; false when the error limit is reached. */
  addError(e: InputError): boolean;
}

interface Entry {
  readonly key2: number;
  readonly box: number;
  /** Undefined: rows with this key take the exact path. */
  readonly read: { readonly box: string; readonly c: Classified } | undefined;
  n: number;
  next: Entry | undefined;
}

/** The fast path for one source (keys are per file). */
export class FastPath {
  private readonly entries = new Map<number, Entry>();
  /** The count must stop (error limit reached on a duplicate 票号). */
  halted = false;
  private whereLine = 0;
  private whereFile = '';
  private readonly where = (): string => `${this.whereFile} 第 ${this.whereLine} 行`;

  constructor(private readonly ctx: FastContext) {}

  /**
   * The rows of a batch that need the exact path, in order: every plain row, and each packed row that
   * cannot be counted by its key; the other packed rows are counted here, between them.
   */
  *expand(batch: readonly (RawRow | FastRows)[], plan: () => HeaderPlan | undefined): Generator<RawRow> {
    for (const item of batch) {
      if (!isFastRows(item)) {
        yield item;
        continue;
      }
      const p = plan();
      const { data } = item;
      for (let i = item.from; i < item.to; i++) {
        const ticket = data.ticket(i);
        const e = p === undefined || this.ctx.rulings.has(ticket) ? undefined : this.entry(data, i, p, ticket);
        if (e?.read === undefined) {
          yield { file: data.file, line: data.lines[i] as number, cells: data.cells(i) };
          continue;
        }
        if (!this.countRow(data, i, p as HeaderPlan, ticket, e)) return;
      }
    }
  }

  private countRow(data: FastRowsData, i: number, plan: HeaderPlan, ticket: string, e: Entry): boolean {
    const line = data.lines[i] as number;
    this.whereFile = data.file;
    this.whereLine = line;
    const prev = this.ctx.tickets.add(ticket, this.where);
    if (prev !== undefined) {
      this.halted = !this.ctx.addError(duplicateTicket(data.file, line, plan.ticketCol + 1, ticket, prev));
      return !this.halted;
    }
    e.n++;
    const read = e.read as NonNullable<Entry['read']>;
    this.ctx.onBallot?.({ ticket, box: read.box, file: data.file, line, class: read.c.class, reasons: read.c.reasons, ruling: undefined });
    return true;
  }

  private entry(data: FastRowsData, i: number, plan: HeaderPlan, ticket: string): Entry {
    const key = data.key[i] as number;
    const key2 = data.key2[i] as number;
    const box = data.box[i] as number;
    const head = this.entries.get(key);
    for (let e = head; e !== undefined; e = e.next) if (e.key2 === key2 && e.box === box) return e;
    const e: Entry = { key2, box, read: this.readFirst(data, i, plan, ticket), n: 0, next: head };
    this.entries.set(key, e);
    return e;
  }

  /** Read and classify the first row of a key with the exact code; undefined unless it is a plain ballot. */
  private readFirst(data: FastRowsData, i: number, plan: HeaderPlan, ticket: string): Entry['read'] {
    const { election, printed, roll } = this.ctx;
    const read = readRow(plan, election, { file: data.file, line: data.lines[i] as number, cells: data.cells(i) });
    if (!read.ok || read.value.ticket !== ticket || read.value.unclear.length > 0) return undefined;
    const c = classify(read.value, election, printed, roll);
    return c.class === 'disputed' ? undefined : { box: read.value.box, c };
  }

  /** Add the rows counted here into the tally. */
  flush(): void {
    for (const head of this.entries.values()) {
      for (let e: Entry | undefined = head; e !== undefined; e = e.next) {
        if (e.read !== undefined && e.n > 0) this.ctx.tally.add(e.read.box, e.read.c, e.n);
        e.n = 0;
      }
    }
  }
}
