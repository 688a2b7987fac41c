/**
 * What the board and the entry pages show, as one JSON object sent over server-sent events after every
 * change: the running tallies of the journal counted by the core, the last ballots typed, double-entry
 * mismatches, correction records, and at the end the final result.
 */
import { type CountResult, type InputError } from '../../core/index.js';
import { errorMessage } from '../messages.js';
import { type LiveElection, previewCells } from './classify.js';
import { type Mismatch, mismatches } from './compare.js';
import type { JournalView } from './journal.js';
import { cellsToDraft, describeDraft } from './layout.js';
import { type Correction, corrections } from './records.js';

export interface FinalView {
  /** The terminal table of `jipiao count` (no colour): the same figures count prints. */
  readonly table: string;
  readonly valid: boolean;
  readonly provisional: boolean;
  readonly elected: readonly { readonly office: string; readonly name: string; readonly votes: number }[];
  readonly files: readonly string[];
}

export interface Snapshot {
  readonly version: number;
  readonly title: string;
  readonly issued: number;
  readonly counted: number;
  readonly frozen: boolean;
  readonly sha256: string | null;
  readonly nextTicket: string;
  readonly classes: {
    readonly valid: number;
    readonly blank: number;
    readonly partial: number;
    readonly invalid: number;
    readonly disputed: number;
  };
  readonly boxes: readonly { readonly box: string; readonly returned: number }[];
  readonly offices: readonly {
    readonly name: string;
    readonly seats: number;
    readonly candidates: readonly { readonly name: string; readonly approve: number; readonly oppose: number; readonly abstain: number }[];
    readonly others: readonly { readonly name: string; readonly votes: number }[];
  }[];
  readonly recent: readonly { readonly ticket: string; readonly box: string; readonly text: string; readonly label: string }[];
  readonly mismatches: readonly Mismatch[];
  readonly corrections: readonly Correction[];
  readonly problems: readonly string[];
  readonly final: FinalView | null;
}

const RECENT = 6;

export function snapshot(
  le: LiveElection,
  j: JournalView,
  counted: CountResult | undefined,
  problems: readonly InputError[],
  final: FinalView | null,
): Snapshot {
  const { election, layout } = le;
  const main = j.main;
  const describe = (cells: readonly string[]): string => describeDraft(election, layout, cellsToDraft(layout, cells));
  const recent = main
    .slice(-RECENT)
    .reverse()
    .map((e) => ({ ticket: e.ticket, box: e.box, text: describe(e.cells), label: previewCells(le, e.cells).label }));
  const b = counted?.ballots;
  return {
    version: j.events.length,
    title: election.title,
    issued: election.issued,
    counted: main.length,
    frozen: j.sha256 !== undefined,
    sha256: j.sha256 ?? null,
    nextTicket: j.nextTicket,
    classes: { valid: b?.valid ?? 0, blank: b?.blank ?? 0, partial: b?.partial ?? 0, invalid: b?.invalid ?? 0, disputed: b?.disputed ?? 0 },
    boxes: counted?.boxes.map((x) => ({ box: x.box, returned: x.returned })) ?? [],
    offices: election.offices.map((o, oi) => ({
      name: o.name,
      seats: o.seats,
      candidates:
        counted?.offices[oi]?.candidates.map((c) => ({ name: c.name, approve: c.approve, oppose: c.oppose, abstain: c.abstain })) ??
        o.candidates.map((name) => ({ name, approve: 0, oppose: 0, abstain: 0 })),
      others: (counted?.people ?? [])
        .filter((p) => p.printed !== o.name && (p.votes[o.name] ?? 0) > 0)
        .map((p) => ({ name: p.name, votes: p.votes[o.name] ?? 0 })),
    })),
    recent,
    mismatches: mismatches(election, layout.header, main, j.check),
    corrections: corrections(election, layout, j.events),
    problems: problems.map((p) => `${p.code}: ${errorMessage(p)}`),
    final,
  };
}
