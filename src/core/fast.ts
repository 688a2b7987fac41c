/**
 * The count's fast path (issue 17). A byte scanner (adapters/input/fast-grid.ts) hands over rows it found
 * plainly common — ASCII 票号, a 票箱, every mark cell empty or one character, every other cell empty —
 * packed: one small id per mark cell, no strings, no objects per ballot. Such a ballot has no written
 * name, no status and no note, so SPEC §3 comes down to counting approvals per office: a section with more
 * approvals than seats is void (step 5, 规程 第三十七条), all sections void → invalid, some → partially
 * valid, no mark at all → 弃权票. The marks are tallied into typed arrays and added into the Tally at the
 * end (`Tally.absorb`, as parts of a count add up).
 *
 * The exact code stays the authority: the first ballot of each kind (which sections are void, blank or
 * not, 票箱) is read and classified by `readRow` and `classify`, and if they disagree with the above, or
 * a mark character is not a known mark, or the election prints one name for two offices (step 4), or the
 * 票号 has a ruling, the row goes back to the exact path with its own cells. Every 票号 goes through the
 * ticket registry in file order, so duplicates are found exactly as before. Pure.
 */
import { type HeaderPlan, type RawRow, readRow } from './ballot.js';
import type { BallotLogEntry, Ruling } from './count.js';
import { type BallotClass, type Classified, type PrintedIndex, type ReasonCode, classify } from './classify.js';
import { parseMark } from './marks.js';
import type { Election } from './model.js';
import type { RowPlace } from './errors.js';
import { type InputError, factError } from './result.js';
import type { RollIndex } from './roll.js';
import { type ClassCounts, type OfficeTally, type Tally, emptyCounts } from './tally.js';
import type { TicketRegistry } from './tickets.js';
import { must } from './must.js';

/** Packed rows of one batch; valid only until the source is asked for its next batch. */
export interface FastRowsData {
  readonly file: string;
  /** Line of row i. */
  readonly lines: Int32Array;
  /** Mark cells of row i at [i × width, (i + 1) × width), in the plan's mark-column order: 0 = empty, else a character id. */
  readonly marks: Uint8Array;
  readonly width: number;
  /** 票号 of row i as a number when it is 1–15 digits, else -1. */
  readonly ticketNo: Float64Array;
  /** 票箱 cell of row i as an id (equal ids, equal cells); -1 without a 票箱 column. */
  readonly box: Int32Array;
  /** The character of a mark id. */
  markText(id: number): string;
  ticket(i: number): string;
  ticketLength(i: number): number;
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

export function duplicateTicket(file: string, line: number, column: number, ticket: string, firstSeen: RowPlace | null): InputError {
  return factError('BALLOT_DUPLICATE_TICKET', firstSeen === null ? { ticket } : { ticket, firstSeen }, { file, line, column });
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

/** One kind of ballot in one 票箱; `read` undefined: such rows take the exact path. */
interface Kind {
  readonly read: { readonly box: string; readonly c: Classified } | undefined;
  /** Offices whose section is void (bit per office). */
  readonly voids: number;
  n: number;
}

const ABSTAIN = 0;
const APPROVE = 1;
const OPPOSE = 2;
const UNCLEAR = 3;
const MARK_CODE = { abstain: ABSTAIN, approve: APPROVE, oppose: OPPOSE, unclear: UNCLEAR } as const;
const BOXES = 1 << 16;

function inc(a: Int32Array | Float64Array, i: number, by = 1): void {
  a[i] = (a[i] as number) + by;
}

/** The typed tally of one grid file's plain rows. */
class Typed {
  readonly office: Int32Array;
  readonly seats: Int32Array;
  /** Per mark column: approvals and oppositions in non-void sections. */
  readonly approve: Float64Array;
  readonly oppose: Float64Array;
  /** Approvals per office of the row being read. */
  readonly rowApprovals: Int32Array;

  constructor(
    private readonly election: Election,
    private readonly plan: HeaderPlan & { layout: 'grid' },
  ) {
    const o = election.offices.length;
    const k = plan.marks.length;
    this.office = Int32Array.from(plan.marks, (m) => m.office);
    this.seats = Int32Array.from(election.offices, (x) => x.seats);
    this.approve = new Float64Array(k);
    this.oppose = new Float64Array(k);
    this.rowApprovals = new Int32Array(o);
  }

  /**
   * The offices' tallies and the printed candidates' votes, as the Tally would have them, given the
   * sections counted (valid and partially valid ballots) and the void ones per office.
   */
  state(counted: Float64Array, overvoted: Float64Array): { offices: OfficeTally[]; votes: (readonly [string, number[]])[] } {
    const { election, plan } = this;
    const approvals = new Float64Array(election.offices.length);
    plan.marks.forEach((m, k) => inc(approvals, m.office, this.approve[k] as number));
    const offices: OfficeTally[] = election.offices.map((o, oi) => {
      const nonVoid = (counted[oi] as number) - (overvoted[oi] as number);
      return {
        counted: counted[oi] as number,
        approvals: approvals[oi] as number,
        unused: o.seats * nonVoid - (approvals[oi] as number),
        void: o.seats * (overvoted[oi] as number),
        overvoted: overvoted[oi] as number,
        notVoter: 0,
        removed: 0,
        candidates: o.candidates.map(() => ({ approve: 0, oppose: 0, abstain: nonVoid })),
      };
    });
    const votes: (readonly [string, number[]])[] = [];
    plan.marks.forEach((m, k) => {
      const cm = offices[m.office]?.candidates[m.candidate];
      if (!cm) return;
      cm.approve = this.approve[k] as number;
      cm.oppose = this.oppose[k] as number;
      cm.abstain -= cm.approve + cm.oppose;
      const v = election.offices.map(() => 0);
      v[m.office] = cm.approve;
      if (cm.approve > 0) votes.push([must(election.offices[m.office]?.candidates[m.candidate], 'a printed candidate of the plan'), v]);
    });
    return { offices, votes };
  }
}

/**
 * Step 4 never applies when no name is printed for two offices (and each column is its own candidate):
 * only then does a plain ballot come down to counting approvals.
 */
function typedTallyApplies(election: Election, plan: HeaderPlan): plan is HeaderPlan & { layout: 'grid' } {
  if (plan.layout !== 'grid' || election.offices.length > 20) return false;
  const names = election.offices.flatMap((o) => o.candidates);
  const cells = new Set(plan.marks.map((m) => `${m.office}:${m.candidate}`));
  return new Set(names).size === names.length && cells.size === plan.marks.length;
}

/** The fast path for one source (mark and 票箱 ids are per file). */
export class FastPath {
  private readonly kinds = new Map<number, Kind>();
  private readonly markCode = new Int8Array(256).fill(-1);
  private typed: Typed | undefined | null;
  /** The count must stop (error limit reached on a duplicate 票号). */
  halted = false;
  private whereLine = 0;
  private whereFile = '';
  private readonly where = (): RowPlace => ({ file: this.whereFile, line: this.whereLine });

  constructor(private readonly ctx: FastContext) {}

  /**
   * The rows of a batch that need the exact path, in order: every plain row, and each packed row that
   * cannot be counted here; the other packed rows are counted here, between them.
   */
  *expand(batch: readonly (RawRow | FastRows)[], plan: () => HeaderPlan | undefined): Generator<RawRow> {
    for (const item of batch) {
      if (!isFastRows(item)) {
        yield item;
        continue;
      }
      const { data } = item;
      const p = plan();
      if (this.typed === undefined && p !== undefined)
        this.typed = typedTallyApplies(this.ctx.election, p) ? new Typed(this.ctx.election, p) : null;
      const typed = this.typed;
      for (let i = item.from; i < item.to; i++) {
        if (typed && p && this.countRow(data, i, p, typed)) {
          if (this.halted) return;
          continue;
        }
        yield { file: data.file, line: data.lines[i] as number, cells: data.cells(i) };
      }
    }
  }

  private code(data: FastRowsData, id: number): number {
    let c = this.markCode[id] as number;
    if (c < 0) {
      c = MARK_CODE[parseMark(data.markText(id))];
      this.markCode[id] = c;
    }
    return c;
  }

  /**
   * Count row i here; false when it must take the exact path. The marks are tallied as they are read
   * (one pass) and taken back for a void section, or when the row turns out to be for the exact path.
   */
  private countRow(data: FastRowsData, i: number, plan: HeaderPlan, t: Typed): boolean {
    const { width, marks } = data;
    const row = t.rowApprovals;
    for (let o = 0; o < row.length; o++) row[o] = 0;
    let touched = false;
    for (let k = 0, at = i * width; k < width; k++, at++) {
      const id = marks[at] as number;
      if (id === 0) continue;
      const c = this.code(data, id);
      if (c === APPROVE) {
        inc(row, t.office[k] as number);
        inc(t.approve, k);
        touched = true;
      } else if (c === OPPOSE) {
        inc(t.oppose, k);
        touched = true;
      } else if (c === UNCLEAR) return this.untally(data, i, t, k, -1);
    }
    let voids = 0;
    for (let o = 0; o < row.length; o++) if ((row[o] as number) > (t.seats[o] as number)) voids |= 1 << o;
    const kind = this.kind(data, i, plan, voids, touched);
    if (kind.read === undefined) return this.untally(data, i, t, width, -1);
    const { tickets, rulings, onBallot } = this.ctx;
    const no = data.ticketNo[i] as number;
    const line = data.lines[i] as number;
    let ticket: string | undefined;
    let prev: RowPlace | null | undefined;
    // A numeric 票号 needs no string when nothing else asks for it (no rulings, no ballot log).
    if (no >= 0 && tickets.addNumber !== undefined && rulings.size === 0 && onBallot === undefined)
      prev = tickets.addNumber(data.ticketLength(i), no);
    else {
      ticket = data.ticket(i);
      if (rulings.has(ticket)) return this.untally(data, i, t, width, -1);
      this.whereFile = data.file;
      this.whereLine = line;
      prev = tickets.add(ticket, this.where);
    }
    if (prev !== undefined) {
      this.untally(data, i, t, width, -1);
      this.halted = !this.ctx.addError(duplicateTicket(data.file, line, plan.ticketCol + 1, ticket ?? data.ticket(i), prev));
      return true;
    }
    kind.n++;
    if (voids !== 0) this.untally(data, i, t, width, voids);
    const { c, box } = kind.read;
    onBallot?.({
      ticket: ticket ?? data.ticket(i),
      box,
      file: data.file,
      line,
      class: c.class,
      reasons: c.reasons,
      detail: '',
      ruling: undefined,
    });
    return true;
  }

  /** Take back the marks of row i's first `upTo` columns in the offices of `offices` (a bit each); false. */
  private untally(data: FastRowsData, i: number, t: Typed, upTo: number, offices: number): false {
    const { width, marks } = data;
    for (let k = 0, at = i * width; k < upTo; k++, at++) {
      const id = marks[at] as number;
      if (id === 0 || !(offices & (1 << (t.office[k] as number)))) continue;
      const c = this.markCode[id];
      if (c === APPROVE) inc(t.approve, k, -1);
      else if (c === OPPOSE) inc(t.oppose, k, -1);
    }
    return false;
  }

  /** The kind of a ballot (void sections, blank or not, 票箱), checked against the exact code once. */
  private kind(data: FastRowsData, i: number, plan: HeaderPlan, voids: number, touched: boolean): Kind {
    const box = (data.box[i] as number) + 1;
    const key = (voids * 2 + (touched ? 1 : 0)) * BOXES + box;
    let k = this.kinds.get(key);
    if (k === undefined) {
      k = { read: box < BOXES ? this.readFirst(data, i, plan, voids, touched) : undefined, voids, n: 0 };
      this.kinds.set(key, k);
    }
    return k;
  }

  /** Read and classify the first row of a kind with the exact code; undefined unless it agrees. */
  private readFirst(data: FastRowsData, i: number, plan: HeaderPlan, voids: number, touched: boolean): Kind['read'] {
    const { election, printed, roll } = this.ctx;
    const read = readRow(plan, election, { file: data.file, line: data.lines[i] as number, cells: data.cells(i) });
    if (!read.ok || read.value.ticket !== data.ticket(i) || read.value.unclear.length > 0) return undefined;
    const c = classify(read.value, election, printed, roll);
    const all = (1 << election.offices.length) - 1;
    const expected: BallotClass = voids === 0 ? 'valid' : voids === all ? 'invalid' : 'partial';
    const reasons: readonly ReasonCode[] = voids !== 0 ? ['OVERVOTE'] : touched ? [] : ['BLANK'];
    const agrees = c.class === expected && c.reasons.join() === reasons.join() && (c.class !== 'valid' || c.blank === !touched);
    return agrees ? { box: read.value.box, c } : undefined;
  }

  /** Add the rows counted here into the tally. */
  flush(): void {
    const t = this.typed;
    if (!t) return;
    const counts = emptyCounts();
    const n = this.ctx.election.offices.length;
    const counted = new Float64Array(n);
    const overvoted = new Float64Array(n);
    const boxes = new Map<string, ClassCounts>();
    const reasons = new Map<ReasonCode, number>();
    for (const k of this.kinds.values()) {
      if (k.read === undefined || k.n === 0) continue;
      const { c, box } = k.read;
      let b = boxes.get(box);
      if (!b) boxes.set(box, (b = emptyCounts()));
      for (const x of [counts, b]) {
        x.returned += k.n;
        x[c.class] += k.n;
        if (c.class === 'valid' && c.blank) x.blank += k.n;
      }
      for (const r of c.reasons) reasons.set(r, (reasons.get(r) ?? 0) + k.n); // a reason not seen yet counts 0
      if (c.class !== 'invalid') {
        for (let o = 0; o < n; o++) {
          inc(counted, o, k.n);
          if (k.voids & (1 << o)) inc(overvoted, o, k.n);
        }
      }
      k.n = 0;
    }
    this.ctx.tally.absorb({ counts, boxes: [...boxes], reasons: [...reasons], ...t.state(counted, overvoted) });
    this.typed = undefined;
  }
}
