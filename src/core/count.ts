/**
 * The count: ballots flow through one row at a time (memory flat in the number of ballots), are read,
 * classified (SPEC §3), tallied, and seats are assigned (SPEC §4). Pure: sources are (async) iterables
 * of rows; the per-ballot callback lets an adapter write the ballot log as it goes.
 */
import {
  type BallotReading,
  type Correction,
  type HeaderPlan,
  type RawRow,
  type Unclear,
  compileHeader,
  isBlankRow,
  overlayCells,
  readRow,
} from './ballot.js';
import { type BallotClass, type Classified, type ReasonCode, classify, printedIndex } from './classify.js';
import { ballotDetail } from './describe.js';
import type { Election } from './model.js';
import { type InputError, InputErrors, type Result, err, factError, ok } from './result.js';
import type { RollIndex } from './roll.js';
import { type ClassCounts, type OfficeTally, Tally } from './tally.js';
import { type TalliedInfo, type TallySheet, mergeTallied } from './tallies.js';
import { ERROR_LIMIT, omittedErrors } from './capped.js';
import { CompactTicketRegistry } from './tickets.js';
import { FastPath, type FastRows, duplicateTicket } from './fast.js';
import type { Validity } from './validity.js';
import { buildOutcome } from './outcome.js';
import type { Presiding } from './presiding.js';

export type Verdict = 'valid' | 'partial' | 'invalid';
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = { valid: '有效', partial: '部分有效', invalid: '无效' };

/** A ruling of the 选举领导小组 on one disputed ballot (SPEC §2.4, 规程 10 疑难选票认定). */
export interface Ruling {
  readonly ticket: string;
  readonly verdict: Verdict;
  readonly corrections: readonly Correction[];
  /** 表决, e.g. `7:0` (赞成:反对). */
  readonly vote: string;
  readonly reason: string;
  readonly file: string;
  readonly line: number;
}

export interface BallotSource {
  /** The file as the user named it (shown in errors and the ballot log). */
  readonly file: string;
  /**
   * Records in file order; the first is the header. May throw `InputErrors`. Either single rows or
   * batches of rows (one promise per batch instead of per row: the fast path for big files).
   */
  readonly rows: Iterable<RawRow> | AsyncIterable<RawRow> | AsyncIterable<readonly (RawRow | FastRows)[]>;
  /** The file's header, when `rows` is a later part of the file that does not start with it. */
  readonly header?: RawRow | undefined;
}

/** Where a ballot is: its 票号, its box, and the file and line it was read from. */
export interface BallotPlace {
  readonly ticket: string;
  readonly box: string;
  readonly file: string;
  readonly line: number;
}

export interface BallotLogEntry extends BallotPlace {
  readonly class: BallotClass;
  readonly reasons: readonly ReasonCode[];
  /** Which cell, which text and why, for a disputed ballot or a voided write-in ('' otherwise). */
  readonly detail?: string | undefined;
  /** When a ruling was applied: the class before it (always 疑难) and the ruling. */
  readonly ruling?: { readonly verdict: Verdict; readonly file: string; readonly line: number } | undefined;
}

export interface DisputedBallot extends BallotPlace {
  /** 疑难选票编号, 1-based, in 票号 order (stable whatever the order of files and rows). */
  no: number;
  readonly note: string;
  readonly issues: readonly Unclear[];
  /** The ruling applied, if any, and the final class it led to. */
  readonly ruling?: AppliedRuling | undefined;
}

/** A ruling as applied to its ballot: with the final class and reasons it led to. */
export type AppliedRuling = Ruling & { readonly finalClass: BallotClass; readonly reasons: readonly ReasonCode[] };

export interface CountOptions {
  readonly election: Election;
  /** Registered voters, resolved by the caller from election.json and/or the roll. */
  readonly registered: number;
  readonly roll?: RollIndex | undefined;
  readonly rulings?: readonly Ruling[] | undefined;
  readonly onBallot?: ((entry: BallotLogEntry) => void) | undefined;
  /** Boxes counted by hand (计票统计表, issue 16): their totals are added when the count finishes. */
  readonly tallies?: readonly TallySheet[] | undefined;
}

export interface PersonResult {
  readonly name: string;
  /** Office where printed as a candidate, or null for a write-in (另选). */
  readonly printed: string | null;
  readonly votes: Readonly<Record<string, number>>;
  readonly total: number;
  readonly majority: boolean;
  readonly elected: string | null;
}

export interface OfficeResult extends Omit<OfficeTally, 'candidates'> {
  readonly name: string;
  readonly seats: number;
  readonly candidates: readonly { readonly name: string; readonly approve: number; readonly oppose: number; readonly abstain: number }[];
  /** False when a names-layout file had no `<职务>:反对` column: 反对 then counts inside 弃权 (未赞成). */
  readonly opposeKnown: boolean;
  /** Written names whose votes were voided by the roll, with their votes, by votes then name (ballot files only). */
  readonly notVoterNames: readonly (readonly [string, number])[];
}

export interface ElectedSeat {
  readonly office: string;
  readonly name: string;
  /** The figure the office was decided on (主任票; 主任+副主任票; 总得票数). */
  readonly votes: number;
  readonly total: number;
}

export interface CountResult {
  readonly election: Election;
  readonly registered: number;
  /** Write-in eligibility was checked against a roll (SPEC §3 step 6). */
  readonly rollChecked: boolean;
  readonly ballots: ClassCounts & { readonly registered: number; readonly issued: number };
  /** `issued`: only for boxes listed in election.json `boxes`. */
  readonly boxes: readonly (ClassCounts & { readonly box: string; readonly issued?: number })[];
  readonly reasons: Readonly<Partial<Record<ReasonCode, number>>>;
  readonly validity: Validity;
  readonly offices: readonly OfficeResult[];
  readonly people: readonly PersonResult[];
  readonly elected: readonly ElectedSeat[];
  readonly revote: readonly { readonly office: string; readonly seats: number; readonly names: readonly string[] }[];
  readonly runoff: readonly {
    readonly office: string;
    readonly seats: number;
    readonly candidates: readonly string[];
    readonly tieAtCutoff: boolean;
  }[];
  readonly vacant: readonly { readonly office: string; readonly seats: number }[];
  /** 第四十一条: who presides when 主任 (and 副主任) could not be elected; null when not needed. */
  readonly presiding: Presiding | null;
  /** Disputed ballots are pending: the result is not final. */
  readonly provisional: boolean;
  /** All ballots that were disputed, ruled or not. */
  readonly disputes: readonly DisputedBallot[];
  /** While ballots are pending: could they change who is elected? */
  readonly margin: { readonly pending: number; readonly stable: boolean; readonly atStake: readonly string[] } | null;
  /** Warnings in Chinese (e.g. eligibility not checked without a roll). */
  readonly warnings: readonly string[];
  /** Boxes counted from hand tallies (计票统计表) and what they cannot tell; absent when there are none. */
  readonly tallied?: TalliedInfo | undefined;
}

/** The result is final: valid election, nothing pending, nothing left to vote on. */
export function isFinal(r: CountResult): boolean {
  return r.validity.valid && !r.provisional && r.revote.length === 0 && r.runoff.length === 0;
}

/** What is still to be done after this count: unruled disputed ballots, and the seats left to vote on again. */
export interface Pending {
  readonly disputed: number;
  readonly revoteSeats: number;
  readonly runoffSeats: number;
  readonly vacantSeats: number;
}

export function pending(r: CountResult): Pending {
  const seats = (xs: readonly { readonly seats: number }[]): number => xs.reduce((s, x) => s + x.seats, 0);
  return {
    disputed: r.disputes.filter((d) => !d.ruling).length,
    revoteSeats: seats(r.revote),
    runoffSeats: seats(r.runoff),
    vacantSeats: seats(r.vacant),
  };
}

/** Rows of a source as synchronous batches, whatever shape the source delivers them in. */
async function* batchesOf(src: BallotSource): AsyncGenerator<readonly (RawRow | FastRows)[]> {
  if (Symbol.asyncIterator in src.rows) {
    for await (const x of src.rows as AsyncIterable<RawRow | readonly (RawRow | FastRows)[]>)
      yield Array.isArray(x) ? (x as readonly (RawRow | FastRows)[]) : [x as RawRow];
  } else yield [...(src.rows as Iterable<RawRow>)];
}

export async function count(sources: Iterable<BallotSource> | readonly BallotSource[], opts: CountOptions): Promise<Result<CountResult>> {
  const counter = new Counter(opts);
  for (const src of sources) if (!(await counter.add(src))) break;
  return counter.finish();
}

/**
 * The count, one source at a time: `add` each source in order, then `finish`. A source may be a later
 * part of a file (its `header` given apart).
 */
export class Counter {
  private readonly election: Election;
  private readonly roll: RollIndex | undefined;
  /** List at most this many input errors; the rest are counted (`还有 N 个错误未列出`). */
  private readonly limit = ERROR_LIMIT;
  private readonly errors: InputError[] = [];
  private readonly printed: ReturnType<typeof printedIndex>;
  private readonly tally: Tally;
  private readonly tickets = new CompactTicketRegistry();
  private readonly rulings = new Map<string, Ruling>();
  private readonly usedRulings = new Set<string>();
  private readonly disputes: DisputedBallot[] = [];
  private readonly opposeKnown: boolean[];
  private readonly hand: readonly TallySheet[];
  private stopped = false;

  constructor(private readonly opts: CountOptions) {
    this.election = opts.election;
    this.roll = opts.roll;
    this.printed = printedIndex(opts.election);
    this.tally = new Tally(opts.election);
    for (const r of opts.rulings ?? []) this.rulings.set(r.ticket, r);
    this.opposeKnown = opts.election.offices.map(() => true);
    this.hand = opts.tallies ?? [];
  }

  /** Errors past the limit: counted, not kept (memory stays flat, the user learns how many more). */
  private omitted = 0;

  /** Keep an error (or count it past the limit); the count goes on, so every error is counted. */
  private addError(e: InputError): boolean {
    if (this.errors.length < this.limit) this.errors.push(e);
    else this.omitted++;
    return true;
  }

  /** Count one source; false when the count has stopped (no further source should be added). */
  async add(src: BallotSource): Promise<boolean> {
    if (this.stopped) return false;
    const { election, printed, roll, tickets, rulings, tally } = this;
    const fast = new FastPath({
      election,
      printed,
      roll,
      tickets,
      rulings,
      tally,
      onBallot: this.opts.onBallot,
      addError: (x) => this.addError(x),
    });
    try {
      await this.rows(src, fast);
    } catch (e) {
      if (!(e instanceof InputErrors)) throw e;
      for (const x of e.errors) this.addError(x);
      this.stopped = true;
    } finally {
      fast.flush();
    }
    return !this.stopped;
  }

  private compile(src: BallotSource, header: RawRow): HeaderPlan | undefined {
    const compiled = compileHeader(header.cells, this.election, src.file, header.line);
    if (!compiled.ok) {
      for (const e of compiled.error) {
        if (!this.addError(e)) {
          this.stopped = true;
          break;
        }
      }
      return undefined;
    }
    const plan = compiled.value;
    if (plan.layout === 'names') plan.opposeCols.forEach((c, i) => c === undefined && (this.opposeKnown[i] = false));
    return plan;
  }

  private async rows(src: BallotSource, fast: FastPath): Promise<void> {
    let plan: HeaderPlan | undefined;
    let sawHeader = false;
    if (src.header) {
      sawHeader = true;
      plan = this.compile(src, src.header);
      if (!plan) return;
    }
    const planNow = (): HeaderPlan | undefined => plan;
    for await (const batch of batchesOf(src)) {
      for (const row of fast.expand(batch, planNow)) {
        if (!sawHeader) {
          sawHeader = true;
          plan = this.compile(src, row);
          if (!plan) return;
          continue;
        }
        if (!plan) return;
        if (!this.ballot(src, plan, row)) return;
      }
      if (fast.halted) return void (this.stopped = true);
    }
    if (!sawHeader) {
      this.addError(factError('BALLOT_EMPTY_FILE', {}, { file: src.file, line: 1 }));
    }
  }

  /** The count stops here (no further row or source). */
  private stop(): false {
    this.stopped = true;
    return false;
  }

  /** One ballot row: read → ticket → classify → apply ruling → tally → log. False when the count stops. */
  private ballot(src: BallotSource, plan: HeaderPlan, row: RawRow): boolean {
    const { election, printed, roll, tally, tickets } = this;
    if (isBlankRow(row.cells)) return true; // a blank line or an Excel `,,,,,` row is not a ballot (SPEC §2.2)
    const read = readRow(plan, election, row);
    if (!read.ok) return this.addError(read.error) || this.stop();
    const reading = read.value;
    const prev = tickets.add(reading.ticket, () => ({ file: src.file, line: row.line }));
    if (prev !== undefined)
      return this.addError(duplicateTicket(src.file, row.line, plan.ticketCol + 1, reading.ticket, prev)) || this.stop();
    const ruled = this.applyRuling(src, plan, row, reading, classify(reading, election, printed, roll));
    tally.add(reading.box, ruled.c);
    this.log(reading, ruled.c, ruled.applied);
    return true;
  }

  /** The ballot log's line (the adapter writes it as the count goes). */
  private log(reading: BallotReading, c: Classified, applied: AppliedRuling | undefined): void {
    this.opts.onBallot?.({
      ticket: reading.ticket,
      box: reading.box,
      file: reading.file,
      line: reading.line,
      class: c.class,
      reasons: c.reasons,
      detail: ballotDetail(c, this.election.offices),
      ruling: applied ? { verdict: applied.verdict, file: applied.file, line: applied.line } : undefined,
    });
  }

  /**
   * The 选举领导小组's ruling on this ballot, if any (SPEC §2.4, 规程 10 疑难选票认定): the class it leads
   * to; a disputed ballot, ruled or not, is listed in `disputes`.
   */
  private applyRuling(
    src: BallotSource,
    plan: HeaderPlan,
    row: RawRow,
    reading: BallotReading,
    c: Classified,
  ): { c: Classified; applied: AppliedRuling | undefined } {
    const ruling = this.rulings.get(reading.ticket);
    if (!ruling) {
      if (c.class === 'disputed') this.dispute(reading, c.issues, undefined);
      return { c, applied: undefined };
    }
    this.usedRulings.add(ruling.ticket);
    if (c.class !== 'disputed') {
      this.addError(
        factError(
          'RULING_NOT_DISPUTED',
          { ticket: ruling.ticket, read: c.class },
          { file: ruling.file, line: ruling.line, column: '票号' },
        ),
      );
      return { c, applied: undefined };
    }
    const final: Classified | undefined =
      ruling.verdict === 'invalid' ? { class: 'invalid', reasons: ['RULED', 'RULED_INVALID'] } : this.reread(src, plan, row, ruling);
    if (!final) return { c, applied: undefined };
    const applied: AppliedRuling = { ...ruling, finalClass: final.class, reasons: final.reasons };
    this.dispute(reading, c.issues, applied);
    return { c: final, applied };
  }

  private dispute(reading: BallotReading, issues: readonly Unclear[], ruling: AppliedRuling | undefined): void {
    const { ticket, box, file, line, note } = reading;
    this.disputes.push(
      ruling ? { no: 0, ticket, box, file, line, note, issues, ruling } : { no: 0, ticket, box, file, line, note, issues },
    );
  }

  /** A ruling 有效 / 部分有效: the ballot read again with its corrections must be of that class. */
  private reread(src: BallotSource, plan: HeaderPlan, row: RawRow, ruling: Ruling): Classified | undefined {
    const { election, printed, roll } = this;
    const overlay = overlayCells(plan, row.cells, ruling.corrections);
    if (!overlay.ok) {
      this.addError(
        factError(
          'RULING_UNKNOWN_COLUMN',
          { header: overlay.error.column, ballots: src.file },
          { file: ruling.file, line: ruling.line, column: '更正' },
        ),
      );
      return undefined;
    }
    const reread = readRow(plan, election, { file: row.file, line: row.line, cells: overlay.value });
    const c2 = reread.ok ? classify(reread.value, election, printed, roll, true) : undefined;
    if (!c2 || c2.class === 'disputed') {
      this.addError(factError('RULING_STILL_UNCLEAR', { ticket: ruling.ticket }, { file: ruling.file, line: ruling.line, column: '更正' }));
      return undefined;
    }
    if (c2.class !== ruling.verdict) {
      this.addError(
        factError(
          'RULING_CONTRADICTS',
          { ticket: ruling.ticket, verdict: ruling.verdict, reread: c2.class },
          { file: ruling.file, line: ruling.line, column: '认定' },
        ),
      );
      return undefined;
    }
    return c2;
  }

  finish(): Result<CountResult> {
    for (const r of this.opts.rulings ?? []) {
      if (!this.usedRulings.has(r.ticket)) {
        const padded = this.tickets.padded(r.ticket);
        this.addError(
          factError('RULING_UNKNOWN_TICKET', padded === undefined ? { ticket: r.ticket } : { ticket: r.ticket, padded }, {
            file: r.file,
            line: r.line,
            column: '票号',
          }),
        );
      }
    }
    const hand = mergeTallied(this.hand, this.tally.boxes);
    if (!hand.ok) this.errors.push(...hand.error);
    if (this.omitted > 0) return err([...this.errors, omittedErrors(this.omitted)]);
    if (this.errors.length > 0) return err(this.errors);
    for (const sheet of this.hand) this.tally.absorb(sheet.state);
    return ok(
      buildOutcome({
        election: this.election,
        registered: this.opts.registered,
        rollChecked: this.roll !== undefined,
        tally: this.tally,
        disputes: this.disputes,
        opposeKnown: this.opposeKnown,
        tallied: hand.ok ? hand.value : undefined,
      }),
    );
  }
}
