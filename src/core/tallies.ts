/**
 * Hand-counted tallies (计票统计表, issue 16): boxes counted by 唱票 on a blackboard enter the count as
 * per-box totals instead of one row per ballot. This module checks a sheet's totals against the
 * election (plausibility checks that catch copying errors) and turns them into a `TallyState` that the
 * count adds like a part counted elsewhere — so seats, validity, revote and runoff come from the same
 * core. What only single ballots can tell (the ballot log, the disputed list, reason counts …) is listed
 * as a gap, never invented. Pure.
 */
import { printedIndex, resolveWritten } from './classify.js';
import type { Election } from './model.js';
import { isUnclearName, normalizeName, splitGroup } from './names.js';
import { type InputError, type Result, err, factError, ok } from './result.js';
import type { RollIndex } from './roll.js';
import { type ClassCounts, type OfficeTally, type TallyState, emptyCounts, emptyOffice } from './tally.js';
import { must } from './must.js';

/** The 职务 cell of the rows that give a box's ballot counts. */
export const TALLY_BALLOT_ROWS = '选票';

/** 姓名 of the 选票 rows → the class they count; `弃权票` (blank ballots, inside 有效) may be left empty. */
export const TALLY_CLASS_ROWS: readonly (readonly [string, keyof ClassCounts])[] = [
  ['收回', 'returned'],
  ['有效', 'valid'],
  ['弃权票', 'blank'],
  ['部分有效', 'partial'],
  ['无效', 'invalid'],
  ['疑难', 'disputed'],
];

/** Header of the sheet, in order: the four required columns, then the optional 反对 and 弃权. */
export const TALLY_COLUMNS = { box: '票箱', office: '职务', name: '姓名', votes: '票数', oppose: '反对', abstain: '弃权' } as const;

/** One row of a tally sheet as the reader delivers it (numbers already parsed; undefined = empty cell). */
export interface TallyEntry {
  readonly file: string;
  readonly line: number;
  readonly box: string;
  readonly office: string;
  readonly name: string;
  readonly votes: number | undefined;
  readonly oppose: number | undefined;
  readonly abstain: number | undefined;
}

/** What a tally cannot give (as data; the renderers say it in words). */
export type TallyGapCode = 'BALLOT_LOG' | 'DISPUTED_LIST' | 'REASONS' | 'OFFICE_DETAIL' | 'MARKS' | 'BLANK';

export interface TallyGap {
  readonly code: TallyGapCode;
  /** Tally boxes concerned. */
  readonly boxes: readonly string[];
  /** MARKS: the office whose 反对/弃权 were not given for these boxes. */
  readonly office?: string | undefined;
}

/** A checked tally sheet: its totals as a tally state, and what it cannot tell. */
export interface TallySheet {
  readonly file: string;
  /** Boxes in sheet order. */
  readonly boxes: readonly string[];
  readonly state: TallyState;
  readonly gaps: readonly TallyGap[];
}

/** How the boxes counted from tallies show in a count result. */
export interface TalliedInfo {
  readonly files: readonly string[];
  readonly boxes: readonly string[];
  readonly gaps: readonly TallyGap[];
}

interface PersonRow {
  readonly entry: TallyEntry;
  readonly office: number;
  /** Person key (SPEC §3 step 3), or undefined for a write-in who is not on the roll (void votes). */
  readonly key: string | undefined;
  readonly shown: string;
  /** Printed candidate index in this office, or -1. */
  readonly candidate: number;
  readonly votes: number;
  /** 反对 and 弃权, when given (printed candidates only). */
  readonly marks: { readonly oppose: number; readonly abstain: number } | undefined;
}

interface BoxRows {
  readonly name: string;
  readonly classes: Map<keyof ClassCounts, { entry: TallyEntry; n: number | undefined }>;
  readonly persons: PersonRow[];
  readonly firstLine: number;
}

const CLASS_BY_LABEL = new Map(TALLY_CLASS_ROWS);
const HAN = /\p{Script=Han}/u;

const at = (e: TallyEntry, column: string) => ({ file: e.file, line: e.line, column });

/** A 选票 row: the box's count of one class. */
function classRow(b: BoxRows, e: TallyEntry): InputError[] {
  const k = CLASS_BY_LABEL.get(e.name.trim());
  if (k === undefined)
    return [factError('TALLY_UNKNOWN_ITEM', { name: e.name, items: TALLY_CLASS_ROWS.map(([l]) => l) }, at(e, TALLY_COLUMNS.name))];
  const out: InputError[] = [];
  if (e.oppose !== undefined || e.abstain !== undefined) out.push(factError('TALLY_MARKS_NOT_PRINTED', {}, at(e, TALLY_COLUMNS.oppose)));
  const prev = b.classes.get(k);
  if (prev) out.push(factError('TALLY_DUPLICATE_ROW', { box: e.box, name: e.name, firstLine: prev.entry.line }, at(e, TALLY_COLUMNS.name)));
  else if (e.votes === undefined && k !== 'blank')
    out.push(factError('TALLY_EMPTY_NUMBER', { box: e.box, name: e.name }, at(e, TALLY_COLUMNS.votes)));
  else b.classes.set(k, { entry: e, n: e.votes });
  return out;
}

/** A person row on its own: the office, the name, who it names (SPEC §3 step 3), the marks. */
function personRow(
  e: TallyEntry,
  election: Election,
  printed: ReturnType<typeof printedIndex>,
  roll: RollIndex | undefined,
): PersonRow | InputError {
  const office = election.offices.findIndex((o) => o.name === e.office.trim());
  if (office < 0)
    return factError(
      'TALLY_UNKNOWN_OFFICE',
      { office: e.office, offices: election.offices.map((o) => o.name) },
      at(e, TALLY_COLUMNS.office),
    );
  const name = normalizeName(e.name);
  if (name === '') return factError('TALLY_EMPTY_NAME', {}, at(e, TALLY_COLUMNS.name));
  if (isUnclearName(name)) return factError('TALLY_UNCLEAR_NAME', { why: 'unclear', name: e.name }, at(e, TALLY_COLUMNS.name));
  if (e.votes === undefined)
    return factError('TALLY_EMPTY_NUMBER', { box: e.box, name: e.name, office: e.office }, at(e, TALLY_COLUMNS.votes));
  const ci = election.offices[office]?.candidates.indexOf(name) ?? -1;
  // SPEC §2.2 "What a written name may be", in its simplest form: a name has Han characters (or is on the roll).
  if (ci < 0 && !HAN.test(name) && !(roll && roll.count(splitGroup(name).name) > 0)) {
    return factError('TALLY_UNCLEAR_NAME', { why: 'not-a-name', name: e.name }, at(e, TALLY_COLUMNS.name));
  }
  if ((e.oppose === undefined) !== (e.abstain === undefined)) {
    return factError(
      'TALLY_MARKS_INCOMPLETE',
      { name: e.name },
      at(e, e.oppose === undefined ? TALLY_COLUMNS.oppose : TALLY_COLUMNS.abstain),
    );
  }
  if (ci < 0 && e.oppose !== undefined)
    return factError('TALLY_MARKS_NOT_PRINTED', { name: e.name, office: e.office }, at(e, TALLY_COLUMNS.oppose));
  // One row names one person: a name the ballot rules would dispute (SPEC §2.2) is refused here.
  const resolved = resolveWritten(e.office, name, printed, roll);
  const r = resolved.length === 1 ? resolved[0] : undefined;
  if (r === undefined) return factError('TALLY_UNCLEAR_NAME', { why: 'several', name: e.name }, at(e, TALLY_COLUMNS.name));
  if (r.kind === 'unclear') {
    if ('matches' in r.issue) {
      return factError('TALLY_HOMONYM', { name: e.name, matches: r.issue.matches }, at(e, TALLY_COLUMNS.name));
    }
    return factError('TALLY_UNCLEAR_NAME', { why: 'described', issue: r.issue }, at(e, TALLY_COLUMNS.name));
  }
  const marks = e.oppose !== undefined && e.abstain !== undefined ? { oppose: e.oppose, abstain: e.abstain } : undefined;
  return { entry: e, office, key: r.kind === 'person' ? r.key : undefined, shown: name, candidate: ci, votes: e.votes, marks };
}

/** Sorting the rows of a sheet into boxes, resolving each person; row-level errors. */
function group(entries: readonly TallyEntry[], election: Election, roll: RollIndex | undefined, errors: InputError[]): BoxRows[] {
  const boxes = new Map<string, BoxRows>();
  const printed = printedIndex(election);
  const seen = new Map<string, number>();
  for (const e of entries) {
    let b = boxes.get(e.box);
    if (!b) boxes.set(e.box, (b = { name: e.box, classes: new Map(), persons: [], firstLine: e.line }));
    if (e.office === TALLY_BALLOT_ROWS) {
      errors.push(...classRow(b, e));
      continue;
    }
    const p = personRow(e, election, printed, roll);
    if ('code' in p) {
      errors.push(p);
      continue;
    }
    const id = `${e.box}\u0000${p.office}\u0000${p.key ?? `?${p.shown}`}`;
    const first = seen.get(id);
    if (first !== undefined)
      errors.push(
        factError('TALLY_DUPLICATE_ROW', { box: e.box, name: e.name, office: e.office, firstLine: first }, at(e, TALLY_COLUMNS.name)),
      );
    else {
      seen.set(id, e.line);
      b.persons.push(p);
    }
  }
  return [...boxes.values()];
}

interface OfficeFacts {
  /** Ballots counted in this office (sections not void), when 反对/弃权 are given for every printed candidate. */
  readonly nonVoid: number | undefined;
}

/** Every box has its 选票 rows (弃权票 may be left out) and a row for every printed candidate. */
function checkComplete(b: BoxRows, election: Election, errors: InputError[]): void {
  const file = b.persons[0]?.entry.file ?? [...b.classes.values()][0]?.entry.file;
  for (const [label, k] of TALLY_CLASS_ROWS) {
    if (k !== 'blank' && !b.classes.has(k))
      errors.push(factError('TALLY_MISSING_CLASS', { box: b.name, item: label }, { file, line: b.firstLine }));
  }
  election.offices.forEach((o, oi) => {
    o.candidates.forEach((c, ci) => {
      if (!b.persons.some((p) => p.office === oi && p.candidate === ci)) {
        errors.push(factError('TALLY_MISSING_CANDIDATE', { box: b.name, office: o.name, candidate: c }, { file, line: b.firstLine }));
      }
    });
  });
}

/** The class counts of a complete box (every class row present; 弃权票 0 when not recorded). */
function classCounts(b: BoxRows): ClassCounts {
  const k = emptyCounts();
  for (const [, key] of TALLY_CLASS_ROWS) k[key] = b.classes.get(key)?.n ?? 0; // only 弃权票 may be absent (checkComplete): 0
  return k;
}

const where = (e: TallyEntry | undefined, b: BoxRows) => ({ file: e?.file, line: e?.line ?? b.firstLine, column: TALLY_COLUMNS.votes });

/** 规程 第三十七条: every returned ballot in exactly one class; 弃权票 are valid ballots. */
function checkClasses(b: BoxRows, k: ClassCounts, errors: InputError[]): void {
  const sum = k.valid + k.partial + k.invalid + k.disputed;
  if (sum !== k.returned) {
    errors.push(
      factError(
        'TALLY_CLASSES_SUM',
        { box: b.name, valid: k.valid, partial: k.partial, invalid: k.invalid, disputed: k.disputed, returned: k.returned },
        where(b.classes.get('returned')?.entry, b),
      ),
    );
  }
  if (k.blank > k.valid) {
    errors.push(
      factError('TALLY_BLANK_OVER_VALID', { box: b.name, blank: k.blank, valid: k.valid }, where(b.classes.get('blank')?.entry, b)),
    );
  }
}

/**
 * One office of a box: 赞成 + 反对 + 弃权 the same for every printed candidate (the ballots counted in the
 * office), between 有效 and 有效 + 部分有效; Σ 票数 ≤ those ballots × 应选; nobody more votes than ballots.
 * Returns the ballots counted in the office when 反对/弃权 are given for every printed candidate.
 */
function checkOffice(b: BoxRows, k: ClassCounts, o: Election['offices'][number], oi: number, errors: InputError[]): OfficeFacts {
  const counted = k.valid + k.partial;
  const rows = b.persons.filter((p) => p.office === oi);
  let nonVoid: number | undefined;
  let marked = 0;
  for (const p of rows) {
    if (!p.marks) continue;
    marked++;
    const s = p.votes + p.marks.oppose + p.marks.abstain;
    if (s < k.valid || s > counted) {
      errors.push(
        factError('TALLY_MARKS_SUM', { box: b.name, office: o.name, name: p.shown, marks: s, valid: k.valid, counted }, where(p.entry, b)),
      );
    } else if (nonVoid !== undefined && s !== nonVoid) {
      errors.push(
        factError('TALLY_MARKS_UNEQUAL', { box: b.name, office: o.name, name: p.shown, marks: s, others: nonVoid }, where(p.entry, b)),
      );
    } else nonVoid = s;
  }
  const known = marked === o.candidates.length ? nonVoid : undefined;
  const ballots = known ?? counted;
  const total = rows.reduce((a, p) => a + p.votes, 0);
  // 规程 10: 所选人数超过应选名额的作废 — no counted section carries more approvals than seats.
  if (total > ballots * o.seats) {
    errors.push(factError('TALLY_OFFICE_OVER', { box: b.name, office: o.name, total, ballots, seats: o.seats }, where(rows[0]?.entry, b)));
  }
  for (const p of rows) {
    if (p.votes > ballots)
      errors.push(
        factError('TALLY_PERSON_OVER', { box: b.name, name: p.shown, office: o.name, votes: p.votes, ballots }, where(p.entry, b)),
      );
  }
  return { nonVoid: known };
}

/** Plausibility checks of one box (issue 16); per office what its marks tell, or undefined when incomplete. */
function checkBox(b: BoxRows, election: Election, errors: InputError[]): OfficeFacts[] | undefined {
  const start = errors.length;
  checkComplete(b, election, errors);
  if (errors.length > start) return undefined;
  const k = classCounts(b);
  checkClasses(b, k, errors);
  return election.offices.map((o, oi) => checkOffice(b, k, o, oi, errors));
}

/** 计票只记高职务 (SPEC §3 step 4): one ballot counts a person in one office only, so Σ over offices ≤ ballots. */
function checkPersonTotals(b: BoxRows, errors: InputError[]): void {
  const k = classCounts(b);
  const counted = k.valid + k.partial;
  const totals = new Map<string, { sum: number; row: PersonRow }>();
  for (const p of b.persons) {
    if (p.key === undefined) continue;
    const t = totals.get(p.key);
    totals.set(p.key, t ? { sum: t.sum + p.votes, row: t.row } : { sum: p.votes, row: p });
  }
  for (const [key, t] of totals) {
    if (t.sum > counted && b.persons.filter((p) => p.key === key).length > 1) {
      errors.push(
        factError(
          'TALLY_PERSON_OVER',
          { box: b.name, name: key, votes: t.sum, ballots: counted },
          { file: t.row.entry.file, line: t.row.entry.line, column: TALLY_COLUMNS.votes },
        ),
      );
    }
  }
}

/** Add one box's figures for office `oi` into the office tally and the persons' votes. */
function addOffice(
  t: OfficeTally,
  seats: number,
  oi: number,
  b: BoxRows,
  counted: number,
  nonVoid: number | undefined,
  votes: Map<string, number[]>,
  offices: number,
): void {
  const overvoted = nonVoid === undefined ? 0 : counted - nonVoid;
  let approvals = 0;
  let notVoter = 0;
  for (const p of b.persons) {
    if (p.office !== oi) continue;
    const v = p.votes;
    if (p.key === undefined) {
      notVoter += v; // 第三十四条: 另选的人须为登记选民; such votes are void
      continue;
    }
    approvals += v;
    let pv = votes.get(p.key);
    if (!pv) votes.set(p.key, (pv = new Array<number>(offices).fill(0)));
    pv[oi] = must(pv[oi], 'a vote count per office') + v;
    const cm = t.candidates[p.candidate];
    if (!cm) continue;
    cm.approve += v; // a printed candidate's 票数 is their 赞成
    if (nonVoid === undefined || !p.marks) continue;
    cm.oppose += p.marks.oppose;
    cm.abstain += p.marks.abstain;
  }
  const voided = overvoted * seats + notVoter;
  t.counted += counted;
  t.approvals += approvals;
  t.notVoter += notVoter;
  t.overvoted += overvoted;
  t.void += voided;
  t.unused += counted * seats - approvals - voided;
}

/** What the boxes of a sheet cannot tell (only gaps that concern some box). */
function gapsOf(election: Election, boxes: readonly BoxRows[], facts: readonly (OfficeFacts[] | undefined)[]): TallyGap[] {
  const names = boxes.map((b) => b.name);
  const gaps: TallyGap[] = [
    { code: 'BALLOT_LOG', boxes: names },
    { code: 'DISPUTED_LIST', boxes: boxes.filter((b) => classCounts(b).disputed > 0).map((b) => b.name) },
    { code: 'REASONS', boxes: names },
    { code: 'OFFICE_DETAIL', boxes: names },
    { code: 'BLANK', boxes: boxes.filter((b) => b.classes.get('blank')?.n === undefined).map((b) => b.name) },
    ...election.offices.map((o, oi): TallyGap => ({
      code: 'MARKS',
      office: o.name,
      boxes: names.filter((_, bi) => facts[bi]?.[oi]?.nonVoid === undefined),
    })),
  ];
  return gaps.filter((g) => g.boxes.length > 0);
}

/** Check a tally sheet and turn it into totals the count can add (a failing check is an input error). */
export function readTallies(
  file: string,
  entries: readonly TallyEntry[],
  election: Election,
  roll: RollIndex | undefined,
): Result<TallySheet> {
  const errors: InputError[] = [];
  if (entries.length === 0) return err([factError('TALLY_EMPTY', { noHeader: false }, { file, line: 1 })]);
  const boxes = group(entries, election, roll, errors);
  if (errors.length > 0) return err(errors);
  const facts = boxes.map((b) => checkBox(b, election, errors));
  for (const b of boxes) checkPersonTotals(b, errors);
  if (errors.length > 0) return err(errors);

  const counts = emptyCounts();
  const offices = election.offices.map((o) => emptyOffice(o.candidates.length));
  const votes = new Map<string, number[]>();
  const boxCounts: [string, ClassCounts][] = boxes.map((b, bi) => {
    const k = classCounts(b);
    for (const [, key] of TALLY_CLASS_ROWS) counts[key] += k[key];
    election.offices.forEach((o, oi) =>
      addOffice(offices[oi] as OfficeTally, o.seats, oi, b, k.valid + k.partial, facts[bi]?.[oi]?.nonVoid, votes, election.offices.length),
    );
    return [b.name, k];
  });
  return ok({
    file,
    boxes: boxes.map((b) => b.name),
    state: { counts, boxes: boxCounts, reasons: [], offices, votes: [...votes] },
    gaps: gapsOf(election, boxes, facts),
  });
}

/** An empty tally sheet for `jipiao init` (rows of cells, header first): per box the 选票 rows and every printed candidate. */
export function emptyTallyRows(election: Election, boxes: readonly string[]): string[][] {
  const c = TALLY_COLUMNS;
  const rows: string[][] = [[c.box, c.office, c.name, c.votes, c.oppose, c.abstain]];
  for (const box of boxes) {
    for (const [label] of TALLY_CLASS_ROWS) rows.push([box, TALLY_BALLOT_ROWS, label, '', '', '']);
    for (const o of election.offices) for (const name of o.candidates) rows.push([box, o.name, name, '', '', '']);
  }
  return rows;
}

/**
 * The tally sheets of one count, together: a box is counted once — either from ballots or from one
 * tally sheet (`ballotBoxes`: the boxes the ballot files gave). Gaps of several sheets are joined.
 */
export function mergeTallied(
  sheets: readonly TallySheet[],
  ballotBoxes: ReadonlyMap<string, unknown>,
): Result<(TalliedInfo & { readonly disputed: number }) | undefined> {
  if (sheets.length === 0) return ok(undefined);
  const errors: InputError[] = [];
  const owner = new Map<string, string>();
  for (const s of sheets) {
    for (const b of s.boxes) {
      if (ballotBoxes.has(b)) errors.push(factError('TALLY_BOX_ALSO_BALLOTS', { box: b }, { file: s.file, column: TALLY_COLUMNS.box }));
      const prev = owner.get(b);
      if (prev !== undefined)
        errors.push(factError('TALLY_BOX_TWICE', { box: b, firstSheet: prev }, { file: s.file, column: TALLY_COLUMNS.box }));
      owner.set(b, s.file);
    }
  }
  if (errors.length > 0) return err(errors);
  const gaps = new Map<string, { code: TallyGapCode; boxes: string[]; office?: string | undefined }>();
  for (const g of sheets.flatMap((s) => s.gaps)) {
    const k = `${g.code}:${g.office ?? ''}`;
    const have = gaps.get(k);
    if (have) have.boxes.push(...g.boxes);
    else gaps.set(k, { code: g.code, boxes: [...g.boxes], ...(g.office !== undefined ? { office: g.office } : {}) });
  }
  const sorted = [...gaps.values()].map((g) => ({ ...g, boxes: [...g.boxes].sort() }));
  return ok({
    files: sheets.map((s) => s.file),
    boxes: sheets.flatMap((s) => s.boxes).sort(),
    gaps: sorted,
    disputed: sheets.reduce((a, s) => a + s.state.counts.disputed, 0),
  });
}
