/**
 * Test-only loading of `fixtures/rule-*` folders WITHOUT the project's adapters (they are tested on their
 * own): files are read with node:fs, CSV parsed with csv-parse/sync, and the core's plain data
 * (Election, RawRow, RollIndex, Ruling) is built here with minimal validation. Then core `count()` runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  type BallotLogEntry,
  type BallotSource,
  type ClassCounts,
  type CountResult,
  type Correction,
  DEFAULT_RULES,
  type Election,
  type Method,
  type Mode,
  type Office,
  type PersonResult,
  type PriorElected,
  type RawRow,
  RollIndex,
  type Round,
  type Ruling,
  type Rules,
  type Verdict,
  count,
  normalizeName,
} from '../../src/core/index.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** Parse CSV text into RawRow[] (header = line 1). Fixture files have no multi-line fields. */
export function csvRows(text: string, file: string): RawRow[] {
  const records = parse(text, { relax_column_count: true, bom: true }) as string[][];
  return records.map((cells, i) => ({ file, line: i + 1, cells }));
}

function fail(what: string): never {
  throw new Error(`fixture election.json: ${what}`);
}

const TOP_KEYS = new Set([
  'community',
  'title',
  'date',
  'method',
  'mode',
  'round',
  'registered',
  'issued',
  'offices',
  'rules',
  'previouslyElected',
]);

/** Minimal election.json → core Election (SPEC §2.1). */
export function buildElection(raw: unknown): Election {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('not an object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!TOP_KEYS.has(k)) fail(`unknown key ${k}`);
  const str = (k: string): string => {
    const v = o[k];
    if (typeof v !== 'string') fail(`${k} must be a string`);
    return v;
  };
  const int = (v: unknown, k: string): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(`${k} must be a non-negative integer`);
    return v;
  };
  const method = str('method');
  if (!['direct', 'household', 'representative'].includes(method)) fail('method');
  const mode = str('mode');
  if (!['combined', 'separate'].includes(mode)) fail('mode');
  const round = str('round');
  if (!['first', 'runoff', 'revote'].includes(round)) fail('round');
  const offRaw = o['offices'];
  if (!Array.isArray(offRaw) || offRaw.length === 0) fail('offices');
  const printed = new Set<string>();
  const offices: Office[] = offRaw.map((x: unknown, i) => {
    const r = x as Record<string, unknown>;
    const name = r['name'];
    const cands = r['candidates'];
    if (typeof name !== 'string' || !Array.isArray(cands)) fail(`offices[${i}]`);
    const seats = int(r['seats'], `offices[${i}].seats`);
    if (seats < 1) fail(`offices[${i}].seats < 1`);
    const candidates = cands.map((c: unknown) => {
      if (typeof c !== 'string') fail(`offices[${i}].candidates`);
      const n = normalizeName(c);
      if (printed.has(n)) fail(`candidate ${n} printed twice`);
      printed.add(n);
      return n;
    });
    return { name, seats, candidates };
  });
  if (mode === 'separate' && offices.length !== 1) fail('separate mode needs exactly one office');
  const rulesRaw = (o['rules'] ?? {}) as Record<string, unknown>;
  const rules: Rules = {
    writeInWithoutMark: (rulesRaw['writeInWithoutMark'] as Rules['writeInWithoutMark'] | undefined) ?? DEFAULT_RULES.writeInWithoutMark,
    maxProxies: (rulesRaw['maxProxies'] as number | undefined) ?? DEFAULT_RULES.maxProxies,
  };
  const prior = (o['previouslyElected'] ?? []) as { office: string; name: string; total?: number }[];
  const previouslyElected: PriorElected[] = prior.map((p) => ({ office: p.office, name: normalizeName(p.name), total: p.total }));
  return {
    community: typeof o['community'] === 'string' ? o['community'] : undefined,
    title: str('title'),
    date: str('date'),
    method: method as Method,
    mode: mode as Mode,
    round: round as Round,
    registered: o['registered'] === undefined ? undefined : int(o['registered'], 'registered'),
    issued: int(o['issued'], 'issued'),
    offices,
    rules,
    previouslyElected,
  };
}

/** voters.csv → RollIndex (姓名 normalised, 居民小组 as group). */
export function buildRoll(text: string): RollIndex {
  const [header, ...rows] = csvRows(text, 'voters.csv');
  if (!header) throw new Error('voters.csv empty');
  const iName = header.cells.indexOf('姓名');
  const iGroup = header.cells.indexOf('居民小组');
  if (iName < 0) throw new Error('voters.csv: no 姓名');
  return new RollIndex(
    rows.map((r) => ({
      name: normalizeName(r.cells[iName] ?? ''),
      group: iGroup < 0 ? undefined : (r.cells[iGroup] ?? '') || undefined,
      line: r.line,
    })),
  );
}

const VERDICTS: Readonly<Record<string, Verdict>> = { 有效: 'valid', 部分有效: 'partial', 无效: 'invalid' };

/** `主任:张建国=○;委员:另选1=李明` → corrections. */
export function parseCorrections(text: string): Correction[] {
  return text
    .split(/[;；]/u)
    .filter((p) => p.trim() !== '')
    .map((p) => {
      const at = p.indexOf('=');
      if (at < 0) throw new Error(`bad correction ${p}`);
      return { column: p.slice(0, at).trim(), value: p.slice(at + 1).trim() };
    });
}

/** rulings.csv → core Ruling objects. */
export function buildRulings(text: string, file = 'rulings.csv'): Ruling[] {
  const [header, ...rows] = csvRows(text, file);
  if (!header) return [];
  const col = (k: string): number => header.cells.indexOf(k);
  const get = (r: RawRow, k: string): string => (col(k) < 0 ? '' : (r.cells[col(k)] ?? '').trim());
  return rows.map((r) => {
    const verdict = VERDICTS[get(r, '认定')];
    if (verdict === undefined) throw new Error(`bad verdict on line ${r.line}`);
    return {
      ticket: get(r, '票号'),
      verdict,
      corrections: parseCorrections(get(r, '更正')),
      vote: get(r, '表决'),
      reason: get(r, '理由'),
      file,
      line: r.line,
    };
  });
}

export interface Fixture {
  readonly election: Election;
  readonly registered: number;
  readonly roll: RollIndex | undefined;
  readonly rulings: Ruling[] | undefined;
  /** Ballot rows including the header row (line 1). */
  readonly rows: RawRow[];
}

export function loadFixture(name: string): Fixture {
  const dir = `${FIXTURES}${name}/`;
  const election = buildElection(JSON.parse(readFileSync(`${dir}election.json`, 'utf8')));
  const roll = existsSync(`${dir}voters.csv`) ? buildRoll(readFileSync(`${dir}voters.csv`, 'utf8')) : undefined;
  const rulings = existsSync(`${dir}rulings.csv`) ? buildRulings(readFileSync(`${dir}rulings.csv`, 'utf8')) : undefined;
  if (roll && election.registered !== undefined && roll.size !== election.registered) {
    throw new Error(`${name}: registered ${election.registered} ≠ roll size ${roll.size}`);
  }
  const registered = election.registered ?? roll?.size;
  if (registered === undefined) throw new Error(`${name}: registered unknown`);
  const rows = csvRows(readFileSync(`${dir}ballots.csv`, 'utf8'), 'ballots.csv');
  return { election, registered, roll, rulings, rows };
}

export interface Counted {
  readonly result: CountResult;
  readonly log: BallotLogEntry[];
  /** Ballot-log entry by 票号. */
  readonly byTicket: Map<string, BallotLogEntry>;
}

/** Run core count() on a fixture (optionally altered); throws with the input errors when it fails. */
export async function run(f: Fixture, over: Partial<Omit<Fixture, 'rows'>> & { sources?: BallotSource[] } = {}): Promise<Counted> {
  const log: BallotLogEntry[] = [];
  const election = over.election ?? f.election;
  const res = await count(over.sources ?? [{ file: 'ballots.csv', rows: f.rows }], {
    election,
    registered: over.registered ?? f.registered,
    roll: 'roll' in over ? over.roll : f.roll,
    rulings: 'rulings' in over ? over.rulings : f.rulings,
    onBallot: (e) => log.push(e),
  });
  if (!res.ok) throw new Error(`count failed: ${res.error.map((e) => JSON.stringify(e)).join('; ')}`);
  return { result: res.value, log, byTicket: new Map(log.map((e) => [e.ticket, e])) };
}

export async function runFixture(name: string): Promise<Counted> {
  return run(loadFixture(name));
}

export function person(r: CountResult, name: string): PersonResult {
  const p = r.people.find((x) => x.name === name);
  if (!p) throw new Error(`no person ${name} in result (have ${r.people.map((x) => x.name).join('、')})`);
  return p;
}

/** The figures of one person, in a shape easy to compare with EXPECTED.md. */
export function figures(
  r: CountResult,
  name: string,
): { votes: Record<string, number>; total: number; majority: boolean; elected: string | null } {
  const p = person(r, name);
  return { votes: { ...p.votes }, total: p.total, majority: p.majority, elected: p.elected };
}

export function electedPairs(r: CountResult): string[] {
  return r.elected.map((e) => `${e.office}:${e.name}`);
}

export function candidateMarks(r: CountResult, office: string, name: string): { approve: number; oppose: number; abstain: number } {
  const o = r.offices.find((x) => x.name === office);
  const c = o?.candidates.find((x) => x.name === name);
  if (!c) throw new Error(`no candidate ${office}:${name}`);
  return { approve: c.approve, oppose: c.oppose, abstain: c.abstain };
}

export function officeTally(
  r: CountResult,
  office: string,
): { counted: number; approvals: number; unused: number; void: number; overvoted: number; notVoter: number } {
  const o = r.offices.find((x) => x.name === office);
  if (!o) throw new Error(`no office ${office}`);
  return { counted: o.counted, approvals: o.approvals, unused: o.unused, void: o.void, overvoted: o.overvoted, notVoter: o.notVoter };
}

/** Class counts without registered/issued. */
export function classes(r: CountResult): ClassCounts {
  const { returned, valid, blank, partial, invalid, disputed } = r.ballots;
  return { returned, valid, blank, partial, invalid, disputed };
}
