/**
 * Double entry (录入核对, issue 16): two clerks type the same paper ballots independently; the two
 * entries are paired by 票号 and compared by what each ballot MEANS after reading (SPEC §2.2) — the
 * same mark spelled `○`/`〇`, names in another order, a grid file against a names file are not
 * differences; a name typed differently, a missing or an extra ballot, a mark typed wrong are. After
 * the Dutch Abacus rule: a result counts only when both entries agree. Pure: rows in, differences out.
 */
import { type BallotReading, type BallotStatus, type HeaderPlan, type RawRow, compileHeader, readRow } from './ballot.js';
import { byTicket } from './tickets.js';
import type { Mark } from './marks.js';
import type { Election } from './model.js';
import { ticketKey } from './names.js';
import { type InputError, type Result, err, factError, ok } from './result.js';
import { must } from './must.js';

/** One side of the double entry: its files, each as rows (header first). */
export interface EntryFile {
  readonly file: string;
  readonly rows: Iterable<RawRow>;
}

export interface Place {
  readonly file: string;
  readonly line: number;
}

/** A mark as compared: `notApprove` when one side did not record opposition (names layout without `:反对`). */
export interface MarkMeaning {
  readonly mark: Mark | 'notApprove';
  /** The cell as typed, for an unclear mark (`?`, a typo the vocabulary does not know). */
  readonly raw?: string | undefined;
}

export type CellDiff =
  | { readonly kind: 'status'; readonly first: BallotStatus; readonly second: BallotStatus }
  | { readonly kind: 'box'; readonly first: string; readonly second: string }
  | {
      readonly kind: 'mark';
      readonly office: string;
      readonly candidate: string;
      readonly first: MarkMeaning;
      readonly second: MarkMeaning;
    }
  /** Written names (另选) of an office, as sets. */
  | { readonly kind: 'written'; readonly office: string; readonly first: readonly string[]; readonly second: readonly string[] }
  /** Unreadable entries of an office (unclear names or marks under written names), as typed. */
  | { readonly kind: 'unclear'; readonly office: string; readonly first: readonly string[]; readonly second: readonly string[] };

/** A ballot whose two entries differ: on one side only (the other place undefined), or cell by cell. */
export interface BallotDiff {
  readonly ticket: string;
  readonly first: Place | undefined;
  readonly second: Place | undefined;
  readonly cells: readonly CellDiff[];
}

export interface VerifyResult {
  readonly firstFiles: readonly string[];
  readonly secondFiles: readonly string[];
  readonly firstBallots: number;
  readonly secondBallots: number;
  /** 票号 present in both entries. */
  readonly paired: number;
  /** Paired ballots whose meaning is the same. */
  readonly agree: number;
  /** Every difference, grouped by ballot, in 票号 order. */
  readonly ballots: readonly BallotDiff[];
}

interface SectionMeaning {
  readonly marks: readonly MarkMeaning[];
  readonly written: readonly string[];
  readonly unclear: readonly string[];
  readonly opposeKnown: boolean;
}

interface Entry {
  readonly ticket: string;
  readonly place: Place;
  readonly status: BallotStatus;
  /** The 票箱 cell, when the file has a 票箱 column (else the box is the file name, not typed). */
  readonly box: string | undefined;
  readonly sections: readonly SectionMeaning[];
}

const sortedSet = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

/** What one read ballot means, office by office. */
function meaning(plan: HeaderPlan, r: BallotReading, election: Election): Entry['sections'] {
  return election.offices.map((o, oi): SectionMeaning => {
    const sec = r.sections[oi];
    const marks: MarkMeaning[] = o.candidates.map((c, ci) => {
      const m = sec?.marks[ci] ?? 'abstain';
      if (m !== 'unclear') return { mark: m };
      const u = r.unclear.find((x) => x.kind === 'mark' && x.column === `${o.name}:${c}`);
      return { mark: 'unclear', raw: must(u, 'the unclear mark of a cell').value.normalize('NFKC').trim() };
    });
    const written: string[] = [];
    for (const w of sec?.written ?? []) {
      const ci = o.candidates.indexOf(w.name);
      // A printed candidate written in their own office's 另选 slot is an approval of them (as the names layout reads it).
      if (ci >= 0 && marks[ci]?.mark === 'abstain') marks[ci] = { mark: 'approve' };
      else if (ci < 0) written.push(w.name);
    }
    const unclear = r.unclear
      .filter((u) => u.kind !== 'flag' && u.column.split(':')[0] === o.name)
      .filter((u) => !(u.kind === 'mark' && o.candidates.some((c) => u.column === `${o.name}:${c}`)))
      .map((u) => u.value.normalize('NFKC').trim());
    const opposeKnown = plan.layout === 'grid' || plan.opposeCols[oi] !== undefined;
    return { marks, written: sortedSet(written), unclear: sortedSet(unclear), opposeKnown };
  });
}

/** Read one side: every ballot by 票号; a file or row that cannot be read is an input error. */
function readSide(files: readonly EntryFile[], election: Election, errors: InputError[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const f of files) {
    let plan: HeaderPlan | undefined;
    let sawHeader = false;
    for (const row of f.rows) {
      if (!sawHeader) {
        sawHeader = true;
        const c = compileHeader(row.cells, election, f.file, row.line);
        if (!c.ok) errors.push(...c.error);
        else plan = c.value;
        continue;
      }
      if (!plan) break;
      if (row.cells.every((c) => c.trim() === '')) continue; // an empty row is not a ballot
      const r = readRow(plan, election, row);
      if (!r.ok) {
        errors.push(r.error);
        continue;
      }
      const ticket = ticketKey(r.value.ticket);
      const prev = out.get(ticket);
      if (prev) {
        errors.push(
          factError(
            'BALLOT_DUPLICATE_TICKET',
            { ticket, firstSeen: prev.place },
            { file: f.file, line: row.line, column: plan.ticketCol + 1 },
          ),
        );
        continue;
      }
      const box = plan.boxCol === undefined ? undefined : r.value.box;
      out.set(ticket, {
        ticket,
        place: { file: f.file, line: row.line },
        status: r.value.status,
        box,
        sections: meaning(plan, r.value, election),
      });
    }
    if (!sawHeader) errors.push(factError('BALLOT_EMPTY_FILE', {}, { file: f.file, line: 1 }));
  }
  return out;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function compareMark(a: MarkMeaning, b: MarkMeaning, opposeKnown: boolean): [MarkMeaning, MarkMeaning] | undefined {
  const fold = (m: MarkMeaning): MarkMeaning =>
    !opposeKnown && (m.mark === 'oppose' || m.mark === 'abstain') ? { mark: 'notApprove' } : m;
  const x = fold(a);
  const y = fold(b);
  return x.mark === y.mark && (x.raw ?? '') === (y.raw ?? '') ? undefined : [x, y]; // no raw text: ''
}

/** The differences of one paired ballot, in column order. */
function compareEntries(a: Entry, b: Entry, election: Election): CellDiff[] {
  const out: CellDiff[] = [];
  if (a.status !== b.status) out.push({ kind: 'status', first: a.status, second: b.status });
  if (a.box !== undefined && b.box !== undefined && a.box !== b.box) out.push({ kind: 'box', first: a.box, second: b.box });
  election.offices.forEach((o, oi) => {
    const x = a.sections[oi];
    const y = b.sections[oi];
    if (!x || !y) return;
    const known = x.opposeKnown && y.opposeKnown;
    o.candidates.forEach((c, ci) => {
      const d = compareMark(x.marks[ci] ?? { mark: 'abstain' }, y.marks[ci] ?? { mark: 'abstain' }, known);
      if (d) out.push({ kind: 'mark', office: o.name, candidate: c, first: d[0], second: d[1] });
    });
    if (!sameList(x.written, y.written)) out.push({ kind: 'written', office: o.name, first: x.written, second: y.written });
    if (!sameList(x.unclear, y.unclear)) out.push({ kind: 'unclear', office: o.name, first: x.unclear, second: y.unclear });
  });
  return out;
}

/** Compare two entries of the same ballots. Input errors (either side) → err; otherwise every difference. */
export function verifyEntries(first: readonly EntryFile[], second: readonly EntryFile[], election: Election): Result<VerifyResult> {
  const errors: InputError[] = [];
  const a = readSide(first, election, errors);
  const b = readSide(second, election, errors);
  if (errors.length > 0) return err(errors);
  const ballots: BallotDiff[] = [];
  let paired = 0;
  let agree = 0;
  for (const [ticket, x] of a) {
    const y = b.get(ticket);
    if (!y) {
      ballots.push({ ticket, first: x.place, second: undefined, cells: [] });
      continue;
    }
    paired++;
    const cells = compareEntries(x, y, election);
    if (cells.length === 0) agree++;
    else ballots.push({ ticket, first: x.place, second: y.place, cells });
  }
  for (const [ticket, y] of b) if (!a.has(ticket)) ballots.push({ ticket, first: undefined, second: y.place, cells: [] });
  ballots.sort(byTicket);
  return ok({
    firstFiles: first.map((f) => f.file),
    secondFiles: second.map((f) => f.file),
    firstBallots: a.size,
    secondBallots: b.size,
    paired,
    agree,
    ballots,
  });
}

/** The two entries agree: every 票号 on both sides, every paired ballot the same. */
export function entriesAgree(r: VerifyResult): boolean {
  return r.ballots.length === 0;
}
