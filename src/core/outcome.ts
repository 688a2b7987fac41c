/**
 * The outcome of a finished count (SPEC §4): the persons and their votes, the seats, what is left to vote
 * on, the margin while ballots are pending, and the per-office and per-box figures. Pure: built from the
 * Tally that Counter filled (count.ts).
 */
import { must } from './must.js';
import { checkBoxes } from './boxes.js';
import type { ReasonCode } from './classify.js';
import type { CountResult, DisputedBallot, ElectedSeat, OfficeResult } from './count.js';
import { type Election, totalSeats } from './model.js';
import { whoPresides } from './presiding.js';
import { type Assignment, type PersonVotes, assignSeats, officesAtStake, proposeRunoff } from './seats.js';
import { stroke } from './stroke.js';
import type { Tally } from './tally.js';
import type { TalliedInfo } from './tallies.js';
import { byTicket } from './tickets.js';
import { type Validity, checkValidity } from './validity.js';

/** What the count hands over when it finishes. */
export interface Counted {
  readonly election: Election;
  readonly registered: number;
  readonly rollChecked: boolean;
  readonly tally: Tally;
  readonly disputes: DisputedBallot[];
  readonly opposeKnown: readonly boolean[];
  readonly tallied: (TalliedInfo & { readonly disputed: number }) | undefined;
}

export function buildOutcome({ election, registered, rollChecked, tally, disputes, opposeKnown, tallied }: Counted): CountResult {
  const R = tally.counts.returned;
  const validity = checkValidity(election, R, registered);
  const { people, writeIns } = listPeople(election, tally);
  const assignment = assignSeats(election, people, R);
  const seats = placeSeats(election, people, assignment, validity);
  // Disputed ballots of hand-counted boxes are pending too: a tally carries no ruling (issue 16).
  const pending = disputes.filter((d) => d.ruling === undefined).length + (tallied ? tallied.disputed : 0);
  disputes.sort(byTicket);
  disputes.forEach((d, i) => (d.no = i + 1));
  const warnings: string[] = [];
  if (!rollChecked && writeIns.length > 0) warnings.push('未提供选民名单: 另选人是否为登记选民未经核对 (第三十四条)');
  if (totalSeats(election) === 0) warnings.push('应选名额为 0');
  const offices = officeResults(election, tally, opposeKnown);
  const boxes = boxResults(election, tally, warnings);
  const reasons: Partial<Record<ReasonCode, number>> = {};
  for (const k of [...tally.reasons.keys()].sort()) reasons[k] = must(tally.reasons.get(k), 'a counted reason');

  return {
    election,
    registered,
    rollChecked,
    ballots: { registered, issued: election.issued, ...tally.counts },
    boxes,
    reasons,
    validity,
    offices,
    people: people.map((p) => ({
      name: p.key,
      printed: p.printedOffice === undefined ? null : (election.offices[p.printedOffice]?.name ?? null),
      votes: Object.fromEntries(election.offices.map((o, i) => [o.name, must(p.votes[i], 'a vote count per office')])),
      total: p.total,
      majority: assignment.majority.has(p.key),
      elected: seats.electedOf.get(p.key) ?? null,
    })),
    elected: seats.elected,
    revote: seats.revote,
    runoff: seats.runoff,
    vacant: seats.vacant,
    presiding: seats.presiding,
    provisional: pending > 0,
    disputes,
    margin: pending > 0 ? margin(election, people, assignment, validity, R, pending) : null,
    warnings,
    ...(tallied ? { tallied: { files: tallied.files, boxes: tallied.boxes, gaps: tallied.gaps } } : {}),
  };
}

/** Persons: every printed candidate (zero votes included), then every write-in with a counted vote. */
function listPeople(election: Election, tally: Tally): { people: PersonVotes[]; writeIns: PersonVotes[] } {
  const people: PersonVotes[] = [];
  const seen = new Set<string>();
  election.offices.forEach((o, oi) => {
    for (const c of o.candidates) {
      const v = tally.votes.get(c) ?? election.offices.map(() => 0);
      people.push({ key: c, printedOffice: oi, votes: v, total: v.reduce((a, b) => a + b, 0) });
      seen.add(c);
    }
  });
  const writeIns: PersonVotes[] = [];
  for (const [key, v] of tally.votes) {
    if (seen.has(key)) continue;
    const total = v.reduce((a, b) => a + b, 0);
    if (total > 0) writeIns.push({ key, printedOffice: undefined, votes: v, total });
  }
  writeIns.sort((a, b) => b.total - a.total || stroke.compare(a.key, b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const w of writeIns) people.push(w); // no spread: 150 000 write-ins would overflow the stack
  return { people, writeIns };
}

type Seats = Pick<CountResult, 'elected' | 'revote' | 'runoff' | 'vacant' | 'presiding'> & {
  readonly electedOf: ReadonlyMap<string, string>;
};

/** Who is elected to which office, what goes to 再次投票 / 另行选举, what stays 空缺 (only in a valid election). */
function placeSeats(election: Election, people: readonly PersonVotes[], assignment: Assignment, validity: Validity): Seats {
  const electedOf = new Map<string, string>();
  const elected: ElectedSeat[] = [];
  const revote: { office: string; seats: number; names: string[] }[] = [];
  const runoff: { office: string; seats: number; candidates: string[]; tieAtCutoff: boolean }[] = [];
  const vacant: { office: string; seats: number }[] = [];
  let presiding: CountResult['presiding'] = null;
  if (validity.valid) {
    for (const o of assignment.offices) {
      const name = must(election.offices[o.office], 'the office of a result').name;
      for (const s of o.seats) {
        elected.push({ office: name, name: s.person, votes: s.score, total: s.total });
        electedOf.set(s.person, name);
      }
      if (o.kind === 'open' && o.revote) revote.push({ office: name, seats: o.revote.seats, names: [...o.revote.tied] });
      if (o.kind === 'open' && o.short > 0 && election.round === 'runoff') vacant.push({ office: name, seats: o.short });
      if (o.kind === 'open' && o.short > 0 && election.round === 'revote')
        revote.push({ office: name, seats: o.short, names: [...(election.offices[o.office]?.candidates ?? [])] });
    }
    if (election.round === 'first') {
      for (const p of proposeRunoff(election, people, assignment)) {
        runoff.push({
          office: must(election.offices[p.office], 'the office of a person').name,
          seats: p.seats,
          candidates: [...p.candidates],
          tieAtCutoff: p.tieAtCutoff,
        });
      }
    }
    if (election.round === 'runoff' && vacant.length > 0) presiding = whoPresides(election, elected);
  }
  return { elected, electedOf, revote, runoff, vacant, presiding };
}

/** While ballots are pending: could they change who is elected? */
function margin(
  election: Election,
  people: readonly PersonVotes[],
  assignment: Assignment,
  validity: Validity,
  R: number,
  pending: number,
): NonNullable<CountResult['margin']> {
  const stake = validity.valid ? officesAtStake(election, people, assignment, R, pending) : [];
  return {
    pending,
    stable: validity.valid && stake.length === 0,
    atStake: stake.map((i) => must(election.offices[i], 'an office at stake').name),
  };
}

function officeResults(election: Election, tally: Tally, opposeKnown: readonly boolean[]): OfficeResult[] {
  return election.offices.map((o, oi) => {
    const t = tally.offices[oi];
    if (!t) throw new Error('tally office missing');
    return {
      name: o.name,
      seats: o.seats,
      counted: t.counted,
      approvals: t.approvals,
      unused: t.unused,
      void: t.void,
      overvoted: t.overvoted,
      notVoter: t.notVoter,
      notVoterNames: [...(tally.notVoterNames[oi] ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
      removed: t.removed,
      opposeKnown: opposeKnown[oi] ?? true,
      candidates: o.candidates.map((name, ci) => ({ name, ...(t.candidates[ci] ?? { approve: 0, oppose: 0, abstain: 0 }) })),
    };
  });
}

/** The boxes counted, by name, with `issued` where election.json lists it; their warnings go to `warnings`. */
function boxResults(election: Election, tally: Tally, warnings: string[]): CountResult['boxes'] {
  const counted = [...tally.boxes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([box, c]) => ({ box, ...c }));
  const perBox = checkBoxes(election, counted);
  warnings.push(...perBox.warnings);
  return counted.map((b) => (perBox.issued.has(b.box) ? { ...b, issued: perBox.issued.get(b.box) } : b));
}
