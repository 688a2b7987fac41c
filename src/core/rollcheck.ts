/**
 * `jipiao roll check` (SPEC §6, §2.3): checks of the voter roll (选民名单) before the election.
 * Pure: takes the roll entries and the election, returns the problems, the homonym groups and a summary.
 * All date arithmetic on integers (YYYYMMDD), no floats, no Date objects.
 *
 * Decisions (documented in the README):
 * - A problem names one roll row; the other rows involved are in `related`. Duplicates are reported on
 *   every later row of a group, each naming the first row, so the count of duplicates is the number of
 *   rows the roll is too long by.
 * - 同名 (homonyms) are listed, not problems by themselves: a write-in names them as `姓名(居民小组)`
 *   (SPEC §3 step 3). Only homonyms that `姓名(居民小组)` cannot tell apart — same 居民小组, or no 居民小组
 *   given — are problems (HOMONYM_AMBIGUOUS).
 * - 身份证号 are compared in their 18-digit form (a 15-digit ID upgraded), upper-cased; malformed values
 *   (e.g. a placeholder 「无」) are reported as malformed, never as duplicates of each other.
 * - Exactly 18 on the election day is eligible (选举日年满十八周岁). Born on 29 February: the 18th
 *   birthday of a non-leap year falls on 1 March.
 */
import type { Election } from './model.js';
import { normalizeName, personKey, splitGroup } from './names.js';
import type { RollEntry } from './roll.js';
import { stroke } from './stroke.js';

export type RollCheckCode =
  | 'DUPLICATE_ID'
  | 'DUPLICATE_VOTER_ID'
  | 'UNDER_18'
  | 'ID_MALFORMED'
  | 'ID_CHECK_DIGIT'
  | 'BIRTH_DATE_INVALID'
  | 'BIRTH_DATE_MISMATCH'
  | 'NAME_MISSING'
  | 'PROXY_OVER_LIMIT'
  | 'PROXY_UNKNOWN'
  | 'PROXY_AMBIGUOUS'
  | 'PROXY_SELF'
  | 'PROXY_CHAIN'
  | 'CANDIDATE_PROXY'
  | 'CANDIDATE_NOT_ON_ROLL'
  | 'HOMONYM_AMBIGUOUS'
  | 'REGISTERED_MISMATCH';

/** Every check, in the order problems of one row and the summary table are shown. */
export const ROLL_CHECKS: readonly RollCheckCode[] = [
  'DUPLICATE_ID',
  'DUPLICATE_VOTER_ID',
  'NAME_MISSING',
  'UNDER_18',
  'ID_MALFORMED',
  'ID_CHECK_DIGIT',
  'BIRTH_DATE_INVALID',
  'BIRTH_DATE_MISMATCH',
  'PROXY_OVER_LIMIT',
  'PROXY_UNKNOWN',
  'PROXY_AMBIGUOUS',
  'PROXY_SELF',
  'PROXY_CHAIN',
  'CANDIDATE_PROXY',
  'CANDIDATE_NOT_ON_ROLL',
  'HOMONYM_AMBIGUOUS',
  'REGISTERED_MISMATCH',
];

export const ROLL_CHECK_LABEL: Readonly<Record<RollCheckCode, string>> = {
  DUPLICATE_ID: '身份证号重复',
  DUPLICATE_VOTER_ID: '选民证号重复',
  NAME_MISSING: '姓名缺失',
  UNDER_18: '选举日未满十八周岁',
  ID_MALFORMED: '身份证号格式错误',
  ID_CHECK_DIGIT: '身份证号校验码错误',
  BIRTH_DATE_INVALID: '出生日期无效',
  BIRTH_DATE_MISMATCH: '出生日期与身份证号不符',
  PROXY_OVER_LIMIT: '接受委托超过限额',
  PROXY_UNKNOWN: '受托人不在名单中',
  PROXY_AMBIGUOUS: '受托人无法确定',
  PROXY_SELF: '委托本人',
  PROXY_CHAIN: '受托人本人已委托他人',
  CANDIDATE_PROXY: '候选人接受委托',
  CANDIDATE_NOT_ON_ROLL: '候选人不在名单中',
  HOMONYM_AMBIGUOUS: '同名无法区分',
  REGISTERED_MISMATCH: '登记人数不符',
};

export interface RollProblem {
  readonly code: RollCheckCode;
  /** The roll row (1-based file line) the problem is on; undefined for a problem of election.json. */
  readonly line?: number | undefined;
  /** 选民证号 and 姓名 of that row, as written (trimmed). */
  readonly voterId?: string | undefined;
  readonly name?: string | undefined;
  /** The other roll rows involved, ascending (first duplicate, proxy givers, homonyms…). */
  readonly related: readonly number[];
  /** election.json key for problems of the election file, e.g. `offices[2].candidates[1]`. */
  readonly key?: string | undefined;
  /** What is wrong, in Chinese, without the row (the renderer adds it). */
  readonly message: string;
}

export interface HomonymMember {
  readonly line: number;
  readonly voterId?: string | undefined;
  readonly group?: string | undefined;
  /**
   * How a write-in names this person (`姓名(居民小组)`), or undefined when it cannot: same or missing
   * 居民小组, or the name is a printed candidate's (a written candidate name always counts for the candidate).
   */
  readonly writeAs?: string | undefined;
}

export interface HomonymGroup {
  /** The normalised 姓名 shared by every member. */
  readonly name: string;
  readonly members: readonly HomonymMember[];
  /** Some members cannot be told apart by `姓名(居民小组)` (a HOMONYM_AMBIGUOUS problem). */
  readonly ambiguous: boolean;
  /** The name is a printed candidate's: a written `姓名(居民小组)` still counts for the candidate (SPEC §3 step 3). */
  readonly candidate: boolean;
}

export interface RollCheckSummary {
  /** Rows in the roll. */
  readonly entries: number;
  /** Election day used for the age check (YYYY-MM-DD), or null when none was given. */
  readonly electionDate: string | null;
  readonly maxProxies: number;
  /** Rows naming a 受托人 (委托投票). */
  readonly proxies: number;
  /** Rows whose age could not be checked (no valid 出生日期 and no usable 身份证号); 0 without a date. */
  readonly ageUnchecked: number;
  /** Problems per check (every check present, zeros included). */
  readonly counts: Readonly<Record<RollCheckCode, number>>;
  /** Checks not run for lack of input (no election day / no election.json). */
  readonly skipped: readonly RollCheckCode[];
  readonly problems: number;
  readonly homonymGroups: number;
}

export interface RollCheck {
  /** Sorted: rows in file order (each row's problems in ROLL_CHECKS order), then election.json problems. */
  readonly problems: readonly RollProblem[];
  /** Sorted by 姓名 in 姓氏笔画 order; members in file order. */
  readonly homonyms: readonly HomonymGroup[];
  readonly summary: RollCheckSummary;
}

export interface RollCheckOptions {
  readonly election?: Election | undefined;
  /** Election day (YYYY-MM-DD); defaults to `election.date`. */
  readonly electionDate?: string | undefined;
  /** Max proxies one voter may hold (规程 第三十条: 3; election.rules.maxProxies). */
  readonly maxProxies: number;
}

// ---------------------------------------------------------------------------------------------
// Dates (integers YYYYMMDD)

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A calendar date from its digits, as the integer YYYYMMDD; undefined when no such day exists. */
export function dateFromParts(y: number, m: number, d: number): number | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return y * 10000 + m * 100 + d;
}

/** `YYYY-MM-DD` → YYYYMMDD, undefined when malformed or not a real day. */
export function parseIsoDate(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(s.trim());
  if (!m) return undefined;
  return dateFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** YYYYMMDD → `YYYY-MM-DD`. */
export function formatDate(ymd: number): string {
  const y = String((ymd - (ymd % 10000)) / 10000).padStart(4, '0');
  const md = ymd % 10000;
  const m = String((md - (md % 100)) / 100).padStart(2, '0');
  const d = String(md % 100).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Full years of age on `day` for someone born on `birth` (both YYYYMMDD); negative when born after
 * `day`. The birthday itself counts: born 2008-12-20 is 18 on 2026-12-20.
 */
export function ageOn(birth: number, day: number): number {
  const diff = day - birth;
  if (diff < 0) return -1;
  return (diff - (diff % 10000)) / 10000;
}

// ---------------------------------------------------------------------------------------------
// 居民身份证号码 (GB 11643-1999)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** The check character (MOD 11-2) for the first 17 digits of an 18-digit ID. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] ?? '';
}

export type IdInfo =
  | { readonly kind: 'malformed'; readonly normalized: string; readonly reason: string }
  | {
      readonly kind: 'id18' | 'id15';
      readonly normalized: string;
      /** The 18-digit form (a 15-digit ID upgraded: 19 inserted, check digit computed) — for comparison. */
      readonly as18: string;
      /** Birth date from the ID (YYYYMMDD). */
      readonly birth: number;
      /** 18-digit only: the check character the first 17 digits call for, when it differs. */
      readonly expectedCheck?: string | undefined;
    };

/** Upper-cased, NFKC (full-width digits become digits), white space removed. */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s/gu, '').toUpperCase();
}

/** Read a 身份证号: 18 digits (last may be X) with a MOD 11-2 check digit, or an old 15-digit number. */
export function parseIdNumber(raw: string): IdInfo {
  const id = normalizeIdNumber(raw);
  if (/^\d{17}[\dX]$/u.test(id)) {
    const birth = dateFromParts(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
    if (birth === undefined) return { kind: 'malformed', normalized: id, reason: `第 7–14 位 ${id.slice(6, 14)} 不是有效的出生日期` };
    const want = idCheckChar(id.slice(0, 17));
    return { kind: 'id18', normalized: id, as18: id, birth, ...(want !== id[17] ? { expectedCheck: want } : {}) };
  }
  if (/^\d{15}$/u.test(id)) {
    const birth = dateFromParts(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
    if (birth === undefined) return { kind: 'malformed', normalized: id, reason: `第 7–12 位 ${id.slice(6, 12)} 不是有效的出生日期` };
    const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
    return { kind: 'id15', normalized: id, as18: first17 + idCheckChar(first17), birth };
  }
  return { kind: 'malformed', normalized: id, reason: `应为 18 位 (末位可为 X) 或 15 位数字, 实为 ${[...id].length} 个字符` };
}

// ---------------------------------------------------------------------------------------------
// The checks

function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return t === '' ? undefined : t;
}

function voterIdKey(s: string): string {
  return s.normalize('NFKC').replace(/\s/gu, '').toUpperCase();
}

function groupKey(g: string | undefined): string {
  return g === undefined ? '' : normalizeName(g);
}

/** `第 3 行 (选民证号 YL0003, 王芳)` — how a message points at another row. */
function rowRef(e: RollEntry): string {
  const parts: string[] = [];
  const id = clean(e.voterId);
  if (id !== undefined) parts.push(`选民证号 ${id}`);
  if (e.name !== '') parts.push(e.name);
  return parts.length > 0 ? `第 ${e.line} 行 (${parts.join(', ')})` : `第 ${e.line} 行`;
}

function linesText(lines: readonly number[]): string {
  return `第 ${lines.join('、')} 行`;
}


export function checkRoll(rollEntries: readonly RollEntry[], opts: RollCheckOptions): RollCheck {
  const { election, maxProxies } = opts;
  // RollEntry.name is normalised by the loader; normalising again is idempotent and keeps the core safe.
  const entries = rollEntries.map((e) => ({ ...e, name: normalizeName(e.name) }));
  const dateText = opts.electionDate ?? election?.date;
  const day = dateText === undefined ? undefined : parseIsoDate(dateText);
  const problems: RollProblem[] = [];
  const add = (e: RollEntry | undefined, code: RollCheckCode, message: string, related: readonly number[] = [], key?: string): void => {
    const p: { -readonly [K in keyof RollProblem]: RollProblem[K] } = { code, related: [...related].sort((a, b) => a - b), message };
    if (e !== undefined) {
      p.line = e.line;
      const id = clean(e.voterId);
      if (id !== undefined) p.voterId = id;
      if (e.name !== '') p.name = e.name;
    }
    if (key !== undefined) p.key = key;
    problems.push(p);
  };

  // 姓名缺失 (§2.3: 姓名 required).
  for (const e of entries) if (e.name === '') add(e, 'NAME_MISSING', '姓名为空; 每位登记选民都必须有姓名');

  // 重复登记 (规程 第十五条: 居民只能在一地登记, 不得重复行使选举权利).
  const firstById = new Map<string, { e: RollEntry; id: string }>();
  const firstByVoterId = new Map<string, RollEntry>();
  const ids = new Map<RollEntry, IdInfo>();
  for (const e of entries) {
    const rawId = clean(e.idNumber);
    if (rawId !== undefined) {
      const info = parseIdNumber(rawId);
      ids.set(e, info);
      // Only well-formed IDs are compared: placeholders such as 「无」 are each reported as malformed instead.
      if (info.kind !== 'malformed') {
        const first = firstById.get(info.as18);
        if (first === undefined) firstById.set(info.as18, { e, id: info.normalized });
        else {
          const upgraded = first.id !== info.normalized ? ' (15 位旧号码升为 18 位后相同)' : '';
          add(e, 'DUPLICATE_ID', `身份证号 ${info.normalized} 与${rowRef(first.e)} 的 ${first.id} 是同一号码${upgraded}; 同一人只能登记一次 (规程 第十五条)`, [first.e.line]);
        }
      }
    }
    const vid = clean(e.voterId);
    if (vid !== undefined) {
      const k = voterIdKey(vid);
      const first = firstByVoterId.get(k);
      if (first === undefined) firstByVoterId.set(k, e);
      else add(e, 'DUPLICATE_VOTER_ID', `选民证号 ${vid} 与${rowRef(first)} 重复; 每张选民证号只能发给一人`, [first.line]);
    }
  }

  // 身份证号, 出生日期, 年龄 (规程 第二条(一): 年满18周岁; 选民年龄以选举日计算).
  let ageUnchecked = 0;
  for (const e of entries) {
    const info = ids.get(e);
    if (info?.kind === 'malformed') add(e, 'ID_MALFORMED', `身份证号 ${info.normalized} ${info.reason}`);
    else if (info?.kind === 'id18' && info.expectedCheck !== undefined) {
      add(e, 'ID_CHECK_DIGIT', `身份证号 ${info.normalized} 的末位校验码应为 ${info.expectedCheck} (GB 11643-1999), 号码可能抄错`);
    }
    const rawBirth = clean(e.birthDate);
    let birth: number | undefined;
    if (rawBirth !== undefined) {
      birth = parseIsoDate(rawBirth);
      if (birth === undefined) add(e, 'BIRTH_DATE_INVALID', `出生日期「${rawBirth}」不是有效日期, 应写作 YYYY-MM-DD (如 1968-03-02)`);
    }
    const idBirth = info !== undefined && info.kind !== 'malformed' ? info.birth : undefined;
    if (birth !== undefined && idBirth !== undefined && birth !== idBirth) {
      add(e, 'BIRTH_DATE_MISMATCH', `出生日期 ${formatDate(birth)} 与身份证号 ${info?.normalized ?? ''} 中的出生日期 ${formatDate(idBirth)} 不一致`);
    }
    if (day === undefined) continue;
    const known = birth ?? idBirth;
    if (known === undefined) {
      ageUnchecked++;
      continue;
    }
    const age = ageOn(known, day);
    if (age < 18) {
      const from = birth !== undefined ? `出生日期 ${formatDate(known)}` : `身份证号中的出生日期 ${formatDate(known)}`;
      const ageText = age < 0 ? `晚于选举日 ${formatDate(day)}` : `到选举日 ${formatDate(day)} 为 ${age} 周岁`;
      add(e, 'UNDER_18', `${from}, ${ageText}, 没有选举权 (规程 第二条(一): 年满18周岁)`);
    }
  }

  // 委托投票 (规程 第三十条).
  const byVoterId = new Map<string, RollEntry[]>();
  const byName = new Map<string, RollEntry[]>();
  for (const e of entries) {
    const vid = clean(e.voterId);
    if (vid !== undefined) push(byVoterId, voterIdKey(vid), e);
    if (e.name !== '') push(byName, e.name, e);
  }
  const holderOf = new Map<RollEntry, RollEntry>();
  const givers = new Map<RollEntry, RollEntry[]>();
  let proxies = 0;
  for (const e of entries) {
    const raw = clean(e.proxy);
    if (raw === undefined) continue;
    proxies++;
    const found = resolveHolder(raw, byVoterId, byName);
    if (found.length === 0) {
      add(e, 'PROXY_UNKNOWN', `受托人「${raw}」不是名单中的选民 (既非选民证号也非姓名); 只能委托本社区有选举权的选民 (规程 第三十条)`);
      continue;
    }
    const holder = found[0];
    if (found.length > 1 || holder === undefined) {
      add(e, 'PROXY_AMBIGUOUS', `受托人「${raw}」在名单中有 ${found.length} 人 (${linesText(found.map((f) => f.line))}), 请改写受托人的选民证号`, found.map((f) => f.line));
      continue;
    }
    if (holder === e) {
      add(e, 'PROXY_SELF', `受托人「${raw}」就是本人`);
      continue;
    }
    holderOf.set(e, holder);
    push(givers, holder, e);
  }
  const candidates = new Set<string>();
  for (const o of election?.offices ?? []) for (const c of o.candidates) candidates.add(c);
  const holders = [...givers.keys()].sort((a, b) => a.line - b.line);
  for (const h of holders) {
    const from = givers.get(h) ?? [];
    const lines = from.map((g) => g.line);
    if (from.length > maxProxies) {
      add(h, 'PROXY_OVER_LIMIT', `接受了 ${from.length} 人的委托 (${linesText(lines)}), 超过每人最多 ${maxProxies} 人的限额 (规程 第三十条)`, lines);
    }
    const own = holderOf.get(h);
    if (own !== undefined) {
      add(h, 'PROXY_CHAIN', `本人已委托${rowRef(own)} 代为投票, 却又接受了${linesText(lines)}的委托; 持委托证的选民应亲自参加选举大会投票 (规程 第三十条)`, [own.line, ...lines]);
    }
    if (candidates.has(h.name)) {
      const homonym = (byName.get(h.name)?.length ?? 0) > 1 ? ' (名单中有同名选民, 请核实此人是否就是候选人)' : '';
      add(h, 'CANDIDATE_PROXY', `是候选人${homonym}, 却接受了${linesText(lines)}的委托; 正式候选人不得接受委托投票 (规程 第三十条)`, lines);
    }
  }

  // 候选人须是登记选民 (被选举权).
  if (election !== undefined) {
    election.offices.forEach((o, i) => {
      o.candidates.forEach((c, j) => {
        if (!byName.has(c)) add(undefined, 'CANDIDATE_NOT_ON_ROLL', `${o.name}候选人「${c}」不在选民名单中; 候选人必须是登记参加选举的选民`, [], `offices[${i}].candidates[${j}]`);
      });
    });
    if (election.registered !== undefined && election.registered !== entries.length) {
      add(undefined, 'REGISTERED_MISMATCH', `election.json 的 registered 为 ${election.registered}, 但选民名单有 ${entries.length} 人; 两者必须一致 (计票时会报错)`, [], 'registered');
    }
  }

  // 同名 (SPEC §3 step 3: a write-in names a homonym as 姓名(居民小组)).
  const homonyms: HomonymGroup[] = [];
  const names = [...byName.keys()].filter((n) => (byName.get(n)?.length ?? 0) > 1).sort((a, b) => stroke.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const rows = byName.get(name) ?? [];
    const byGroup = new Map<string, RollEntry[]>();
    for (const r of rows) push(byGroup, groupKey(r.group), r);
    let ambiguous = false;
    const members: HomonymMember[] = rows.map((r) => {
      const g = groupKey(r.group);
      const unique = g !== '' && (byGroup.get(g)?.length ?? 0) === 1;
      const m: { -readonly [K in keyof HomonymMember]: HomonymMember[K] } = { line: r.line };
      const vid = clean(r.voterId);
      if (vid !== undefined) m.voterId = vid;
      if (g !== '') m.group = g;
      if (unique && !candidates.has(name)) m.writeAs = personKey(name, g);
      return m;
    });
    for (const r of rows) {
      const g = groupKey(r.group);
      const same = byGroup.get(g) ?? [];
      const others = rows.filter((o) => o !== r).map((o) => o.line);
      if (g === '') {
        ambiguous = true;
        add(r, 'HOMONYM_AMBIGUOUS', `与${linesText(others)}同名, 且未填居民小组, 另选票上无法写「姓名(居民小组)」指明此人; 请补填居民小组`, others);
      } else if (same.length > 1) {
        ambiguous = true;
        if (same[0] === r) {
          const twins = same.filter((o) => o !== r).map((o) => o.line);
          add(r, 'HOMONYM_AMBIGUOUS', `与${linesText(twins)}同名且同在${g}, 另选票上写「${personKey(name, g)}」也无法区分; 请在名单中加以区别 (如注明居民小组以下的楼栋)`, twins);
        }
      }
    }
    homonyms.push({ name, members, ambiguous, candidate: candidates.has(name) });
  }

  const order = new Map(ROLL_CHECKS.map((c, i) => [c, i]));
  problems.sort((a, b) => {
    const la = a.line ?? Number.MAX_SAFE_INTEGER;
    const lb = b.line ?? Number.MAX_SAFE_INTEGER;
    if (la !== lb) return la - lb;
    const ca = order.get(a.code) ?? 0;
    const cb = order.get(b.code) ?? 0;
    if (ca !== cb) return ca - cb;
    return (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0;
  });
  const counts = Object.fromEntries(ROLL_CHECKS.map((c) => [c, 0])) as Record<RollCheckCode, number>;
  for (const p of problems) counts[p.code]++;
  const skipped: RollCheckCode[] = [];
  if (day === undefined) skipped.push('UNDER_18');
  if (election === undefined) skipped.push('CANDIDATE_PROXY', 'CANDIDATE_NOT_ON_ROLL', 'REGISTERED_MISMATCH');
  return {
    problems,
    homonyms,
    summary: {
      entries: entries.length,
      electionDate: day === undefined ? null : formatDate(day),
      maxProxies,
      proxies,
      ageUnchecked,
      counts,
      skipped,
      problems: problems.length,
      homonymGroups: homonyms.length,
    },
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

/**
 * Who a 受托人 cell names: a 选民证号 first; otherwise a 姓名, or `姓名(居民小组)` for a homonym.
 * Returns every matching row (0: nobody; >1: ambiguous).
 */
function resolveHolder(raw: string, byVoterId: ReadonlyMap<string, RollEntry[]>, byName: ReadonlyMap<string, RollEntry[]>): RollEntry[] {
  const byId = byVoterId.get(voterIdKey(raw));
  if (byId !== undefined) return byId;
  const n = normalizeName(raw);
  const exact = byName.get(n);
  if (exact !== undefined) return exact;
  const { name, group } = splitGroup(n);
  if (group === undefined) return [];
  return (byName.get(name) ?? []).filter((e) => groupKey(e.group) === group);
}
