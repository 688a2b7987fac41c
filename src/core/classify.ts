/**
 * Ballot classification, SPEC §3 steps 1–7 (规程 10.选票检验, 第三十四、三十七条). Every reading gets
 * exactly one class with its reason codes. Pure.
 */
import { must } from './must.js';
import type { BallotReading, SectionReading, Unclear } from './ballot.js';
import type { Mark } from './marks.js';
import type { Election, Office } from './model.js';
import { parseMark } from './marks.js';
import { isWellFormedName, nameProblem, nearCandidate, personKey, simplifierVersion, splitGroup } from './names.js';
import type { RollIndex } from './roll.js';

export type ReasonCode =
  | 'UNREADABLE'
  | 'DISPUTED'
  | 'RULED_INVALID'
  | 'RULED'
  | 'SAME_PERSON_TWICE'
  | 'OVERVOTE'
  | 'WRITE_IN_NOT_VOTER'
  | 'BLANK'
  /** Disputed: a written name is a printed candidate one character off or in traditional characters (SPEC §2.2 item 5). */
  | 'NAME_NEAR_CANDIDATE'
  /** Disputed: a typed item is not a name — a mark, digits, an attached mark, another separator … (SPEC §2.2 items 2–4). */
  | 'NAME_NOT_A_NAME';

export const REASON_LABEL: Readonly<Record<ReasonCode, string>> = {
  UNREADABLE: '完全无法辨认',
  DISPUTED: '疑难选票',
  RULED_INVALID: '经认定无效',
  RULED: '经选举领导小组认定',
  SAME_PERSON_TWICE: '同一人被选任两种职务, 只计高职务',
  OVERVOTE: '所选人数超过应选名额',
  WRITE_IN_NOT_VOTER: '另选的人不是登记选民',
  BLANK: '弃权票',
  NAME_NEAR_CANDIDATE: '所写姓名与候选人只差一个字或为繁体',
  NAME_NOT_A_NAME: '姓名栏所填不是姓名',
};

/** What one office section of a counted ballot contributes. */
export interface CountedSection {
  /** OVERVOTE: the whole section is void. */
  readonly voided: boolean;
  /** Person keys whose approval counts (distinct). Empty when void. */
  readonly approved: readonly string[];
  /** Marks of the printed candidates after removals (a removed approval reads as abstain). */
  readonly marks: readonly Mark[];
  /** Approvals of persons not on the roll (void votes, 第三十四条). */
  readonly notVoter: number;
  /** Who those void approvals were for (the written names), for the ballot log; empty when none. */
  readonly notVoterNames: readonly string[];
  /** Approvals removed because the person is approved in a higher office. */
  readonly removed: number;
  /** Distinct approvals before step 5 (what the overvote rule compared with the seats). */
  readonly approvalsBeforeVoid: number;
}

export type Classified =
  | {
      readonly class: 'valid';
      readonly blank: boolean;
      readonly reasons: readonly ReasonCode[];
      readonly sections: readonly CountedSection[];
    }
  | { readonly class: 'partial'; readonly reasons: readonly ReasonCode[]; readonly sections: readonly CountedSection[] }
  | { readonly class: 'invalid'; readonly reasons: readonly ReasonCode[] }
  | { readonly class: 'disputed'; readonly reasons: readonly ReasonCode[]; readonly issues: readonly Unclear[] };

export type BallotClass = Classified['class'];

export const CLASS_LABEL: Readonly<Record<BallotClass, string>> = {
  valid: '有效',
  partial: '部分有效',
  invalid: '无效',
  disputed: '疑难',
};

/** Printed candidate → office index (any office), for step 3. */
export type PrintedIndex = ReadonlyMap<string, number>;

export function printedIndex(e: Election): PrintedIndex {
  const m = new Map<string, number>();
  e.offices.forEach((o, i) => {
    for (const c of o.candidates) m.set(c, i);
  });
  return m;
}

type Resolved = { kind: 'person'; key: string } | { kind: 'notVoter'; key: string } | { kind: 'unclear'; issue: Unclear };

/** A known person (SPEC §2.2 item 4): a printed candidate, or a unique roll entry. */
function isKnown(n: string, printed: PrintedIndex, roll: RollIndex | undefined): boolean {
  return printed.has(n) || (roll !== undefined && roll.match(n, undefined).kind === 'one');
}

/**
 * 规程 第三十四条 (另选其他选民) and 10.选票检验 (疑难选票由选举领导小组认定): a typed name that is not
 * certainly one person is never counted, it is set aside for the 领导小组.
 * SPEC §2.2 "What a written name may be" and §3 step 3: who a written item is — one or more persons
 * (white space between known persons), a name nobody on the roll has, or unclear (→ disputed) with why.
 * `written` is `cleanWritten`: NFKC, invisible characters removed, dots unified, white space collapsed.
 */
export function resolveWritten(column: string, written: string, printed: PrintedIndex, roll: RollIndex | undefined): Resolved[] {
  if (!written.includes(' ')) return [resolveItem(column, written, written, printed, roll)];
  // Item 4: white space is a typing slip, resolved only when unambiguous.
  const parts = written.split(' ');
  if (parts.every((p) => isKnown(p, printed, roll))) return parts.map((p) => resolveItem(column, written, p, printed, roll));
  for (const joined of [parts.join(''), parts.join('·')]) {
    if (isKnown(joined, printed, roll)) return [resolveItem(column, written, joined, printed, roll)];
  }
  return [{ kind: 'unclear', issue: { kind: 'badName', column, value: written, problem: 'spaces' } }];
}

/** What resolveWritten answered, for one printed index, roll (and its size) and converter: a typed name recurs on many ballots. */
interface ResolvedCache {
  readonly printed: PrintedIndex;
  readonly roll: RollIndex | undefined;
  readonly voters: number | undefined;
  readonly simplifier: number;
  /** Column → written text → answer. */
  readonly answers: Map<string, Map<string, readonly Resolved[]>>;
  size: number;
}

let resolved: ResolvedCache | undefined;
/** Distinct written names remembered per count; beyond it they are resolved each time (memory stays flat). */
const MAX_REMEMBERED = 4096;

/**
 * resolveWritten, remembered (issue 17): the same answer for the same column and text in the same count,
 * without redoing the roll look-ups, the near-candidate comparison and its traditional → simplified
 * conversion on every ballot. Everything it returns is read-only.
 */
function resolveWrittenOnce(column: string, written: string, printed: PrintedIndex, roll: RollIndex | undefined): readonly Resolved[] {
  const c = resolvedCacheFor(printed, roll);
  let inColumn = c.answers.get(column);
  if (inColumn === undefined) c.answers.set(column, (inColumn = new Map()));
  let r = inColumn.get(written);
  if (r === undefined) {
    r = resolveWritten(column, written, printed, roll);
    if (c.size < MAX_REMEMBERED) {
      inColumn.set(written, r);
      c.size++;
    }
  }
  return r;
}

function resolvedCacheFor(printed: PrintedIndex, roll: RollIndex | undefined): ResolvedCache {
  const c = resolved;
  if (c !== undefined && c.printed === printed && c.roll === roll && c.voters === roll?.size && c.simplifier === simplifierVersion())
    return c;
  resolved = { printed, roll, voters: roll?.size, simplifier: simplifierVersion(), answers: new Map(), size: 0 };
  return resolved;
}

function resolveItem(column: string, value: string, n: string, printed: PrintedIndex, roll: RollIndex | undefined): Resolved {
  if (printed.has(n)) return { kind: 'person', key: n };
  // Item 1: a name spelled exactly as a roll entry is well-formed (a roll may hold other scripts).
  if (roll !== undefined && roll.count(n) > 0) return fromRoll(column, value, n, undefined, roll);
  const { name, group } = splitGroup(n);
  if (group !== undefined) {
    // Item 3: a `(…)` suffix is a 居民小组 only when the roll has that group (`张建国(反对)` is no vote).
    const problem = nameProblem(n, false);
    if (problem === 'markAttached' || roll === undefined || !roll.hasGroup(group)) {
      return {
        kind: 'unclear',
        issue: {
          kind: 'badName',
          column,
          value,
          problem: problem === 'markAttached' ? problem : roll === undefined ? 'groupNoRoll' : 'group',
        },
      };
    }
    if (printed.has(name)) return { kind: 'person', key: name };
    if (!isWellFormedName(name) && roll.count(name) === 0) {
      return { kind: 'unclear', issue: { kind: 'badName', column, value, problem: nameProblem(name, parseMark(name) !== 'unclear') } };
    }
    return fromRoll(column, value, name, group, roll);
  }
  // Item 2: marks, digits, a mark attached to a name, other separators → unclear.
  if (!isWellFormedName(n))
    return { kind: 'unclear', issue: { kind: 'badName', column, value, problem: nameProblem(n, parseMark(n) !== 'unclear') } };
  // Item 5: not a known person but a printed candidate one character off or in traditional characters.
  const near = nearCandidate(n, printed.keys());
  if (near !== undefined) return { kind: 'unclear', issue: { kind: 'near', column, value, candidate: near.candidate, why: near.why } };
  if (roll === undefined) return { kind: 'person', key: n };
  return { kind: 'notVoter', key: n };
}

/** Step 3 with a roll: `姓名` unique, or `姓名(居民小组)` for a homonym; nobody → not a voter (第三十四条). */
function fromRoll(column: string, value: string, name: string, group: string | undefined, roll: RollIndex): Resolved {
  const m = roll.match(name, group);
  if (m.kind === 'one') return { kind: 'person', key: m.person };
  if (m.kind === 'none') return { kind: 'notVoter', key: personKey(name, group) };
  return {
    kind: 'unclear',
    issue:
      group === undefined
        ? { kind: 'homonym', column, value, matches: m.candidates }
        : { kind: 'group', column, value, matches: m.candidates },
  };
}

interface WorkSection {
  persons: string[];
  marks: Mark[];
  /** `marks` is still the reading's own array (copied before the first change). */
  shared: boolean;
  notVoter: string[];
  removed: number;
}

const NO_NAMES: readonly string[] = Object.freeze([]);
const NO_REASONS: readonly ReasonCode[] = Object.freeze([]);
const BLANK_REASONS: readonly ReasonCode[] = Object.freeze(['BLANK'] as ReasonCode[]);

/**
 * Classify one reading (steps 1 and 3–7; step 2's ruling overlay is applied by the caller, which
 * re-reads the corrected cells and passes `ruled = true`). Written as plain loops: it runs once per
 * ballot, millions of times in a district re-count.
 */
export function classify(
  reading: BallotReading,
  election: Election,
  printed: PrintedIndex,
  roll: RollIndex | undefined,
  ruled = false,
): Classified {
  // Step 1 — 第三十七条: 全部无法辨认的 … 作废票处理.
  if (reading.status === 'unreadable') return { class: 'invalid', reasons: ruled ? ['RULED', 'UNREADABLE'] : ['UNREADABLE'] };
  const issues: Unclear[] = reading.unclear.length > 0 ? [...reading.unclear] : [];
  const offices = election.offices;
  const work: WorkSection[] = new Array<WorkSection>(offices.length);
  // Step 3 — who each approval is for.
  for (let oi = 0; oi < offices.length; oi++) work[oi] = approvedIn(reading.sections[oi], offices[oi], printed, roll, issues);
  // Step 2 — anything unclear → disputed (规程 10: 疑难选票由选举领导小组认定).
  if (reading.status === 'disputed' || issues.length > 0) {
    const reasons: ReasonCode[] = ruled ? ['RULED', 'DISPUTED'] : ['DISPUTED'];
    if (issues.some((u) => u.kind === 'badName')) reasons.push('NAME_NOT_A_NAME');
    if (issues.some((u) => u.kind === 'near')) reasons.push('NAME_NEAR_CANDIDATE');
    return { class: 'disputed', reasons, issues };
  }
  const removedAny = keepHighestOffice(work, offices);
  // Step 5 — 所选人数超过应选名额: section void. Step 6 names still count toward it.
  const sections: CountedSection[] = new Array<CountedSection>(work.length);
  const seen: SectionFlags = { anyVoid: false, allVoid: work.length > 0, anyNotVoter: false };
  for (let oi = 0; oi < work.length; oi++)
    sections[oi] = countedSection(work[oi] as WorkSection, must(offices[oi], 'an office per section').seats, seen);
  const { anyVoid, allVoid, anyNotVoter } = seen;
  if (!ruled && !removedAny && !anyVoid && !anyNotVoter) {
    // Step 7, the common case: a valid ballot with nothing to note.
    return isBlank(reading)
      ? { class: 'valid', blank: true, reasons: BLANK_REASONS, sections }
      : { class: 'valid', blank: false, reasons: NO_REASONS, sections };
  }
  const reasons: ReasonCode[] = ruled ? ['RULED'] : [];
  if (removedAny) reasons.push('SAME_PERSON_TWICE');
  if (anyVoid) reasons.push('OVERVOTE');
  if (anyNotVoter) reasons.push('WRITE_IN_NOT_VOTER');
  // Step 7.
  if (allVoid) return { class: 'invalid', reasons };
  if (reasons.length > (ruled ? 1 : 0)) return { class: 'partial', reasons, sections };
  const blank = isBlank(reading);
  if (blank) reasons.push('BLANK');
  return { class: 'valid', blank, reasons, sections };
}

/** Step 3 for one office: the persons approved (marks and written names), write-ins not on the roll; unclear names go to `issues`. */
function approvedIn(
  sec: SectionReading | undefined,
  office: Office | undefined,
  printed: PrintedIndex,
  roll: RollIndex | undefined,
  issues: Unclear[],
): WorkSection {
  const persons: string[] = [];
  const notVoter: string[] = [];
  const marks: Mark[] = sec ? sec.marks : [];
  if (sec && office) {
    const candidates = office.candidates;
    for (let ci = 0; ci < marks.length; ci++) {
      const c = candidates[ci];
      if (marks[ci] === 'approve' && c !== undefined && !persons.includes(c)) persons.push(c);
    }
    for (const w of sec.written) {
      for (const r of resolveWrittenOnce(w.column, w.name, printed, roll)) {
        if (r.kind === 'unclear') issues.push(r.issue);
        else if (r.kind === 'notVoter') addOnce(notVoter, r.key);
        else addOnce(persons, r.key); // 同一职务内重复只计一次
      }
    }
  }
  return { persons, marks, shared: true, notVoter, removed: 0 };
}

function addOnce(list: string[], key: string): void {
  if (!list.includes(key)) list.push(key);
}

/** Step 4 — 计票只记高职务: remove lower-office approvals of a person approved higher up; true if any was. */
function keepHighestOffice(work: WorkSection[], offices: readonly Office[]): boolean {
  let removedAny = false;
  for (let oi = 1; oi < work.length; oi++) {
    const w = work[oi] as WorkSection;
    let kept: string[] | undefined;
    for (let pi = 0; pi < w.persons.length; pi++) {
      const p = w.persons[pi] as string;
      let higher = false;
      for (let hi = 0; hi < oi && !higher; hi++) higher = (work[hi] as WorkSection).persons.includes(p);
      if (higher) {
        kept ??= w.persons.slice(0, pi);
        removeLower(w, offices[oi]?.candidates.indexOf(p) ?? -1);
      } else kept?.push(p);
    }
    if (kept) {
      w.persons = kept;
      removedAny = true;
    }
  }
  return removedAny;
}

/** A printed candidate's approval removed from a lower office counts as 弃权 there (copy-on-write marks). */
function removeLower(w: WorkSection, ci: number): void {
  w.removed++;
  if (ci < 0) return;
  if (w.shared) {
    w.marks = [...w.marks];
    w.shared = false;
  }
  w.marks[ci] = 'abstain';
}

interface SectionFlags {
  anyVoid: boolean;
  allVoid: boolean;
  anyNotVoter: boolean;
}

/** Step 5 for one office: void when more approvals than seats (write-ins not on the roll included). */
function countedSection(w: WorkSection, seats: number, seen: SectionFlags): CountedSection {
  const approvals = w.persons.length + w.notVoter.length;
  const isVoid = approvals > seats;
  if (isVoid) seen.anyVoid = true;
  else {
    seen.allVoid = false;
    if (w.notVoter.length > 0) seen.anyNotVoter = true;
  }
  return {
    voided: isVoid,
    approved: isVoid ? [] : w.persons,
    marks: w.marks,
    notVoter: isVoid ? 0 : w.notVoter.length,
    notVoterNames: isVoid ? NO_NAMES : w.notVoter,
    removed: w.removed,
    approvalsBeforeVoid: approvals,
  };
}

/** Nothing marked or written anywhere on the ballot (弃权票). */
function isBlank(reading: BallotReading): boolean {
  for (const s of reading.sections) {
    if (s.touched || s.written.length > 0) return false;
    for (const m of s.marks) if (m !== 'abstain') return false;
  }
  return true;
}
