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
import { ageOn, formatDate, parseIsoDate } from './dates.js';
import { type IdInfo, parseIdNumber } from './idnumber.js';
import type { Election } from './model.js';
import { normalizeName, personKey, splitGroup } from './names.js';
import type { RollEntry } from './roll.js';
import { byStroke } from './stroke.js';

export * from './dates.js';
export * from './idnumber.js';

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
// The checks: one function per check, run in order by checkRoll over shared indexes of the roll.

type AddProblem = (e: RollEntry | undefined, code: RollCheckCode, message: string, related?: readonly number[], key?: string) => void;

interface CheckContext {
  readonly entries: readonly RollEntry[];
  readonly election: Election | undefined;
  /** Election day (YYYYMMDD), undefined when none was given. */
  readonly day: number | undefined;
  readonly maxProxies: number;
  /** Parsed 身份证号 of every row that has one. */
  readonly ids: ReadonlyMap<RollEntry, IdInfo>;
  readonly byVoterId: ReadonlyMap<string, RollEntry[]>;
  readonly byName: ReadonlyMap<string, RollEntry[]>;
  readonly candidates: ReadonlySet<string>;
  readonly add: AddProblem;
}

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

function rowsOf<K>(m: ReadonlyMap<K, RollEntry[]>, k: K): RollEntry[] {
  return m.get(k) ?? [];
}

/** 姓名缺失 (§2.3: 姓名 required). */
function checkNames(ctx: CheckContext): void {
  for (const e of ctx.entries) if (e.name === '') ctx.add(e, 'NAME_MISSING', '姓名为空; 每位登记选民都必须有姓名');
}

/** 重复登记 by 身份证号 (规程 第十五条: 居民只能在一地登记, 不得重复行使选举权利). */
function checkDuplicateIds(ctx: CheckContext): void {
  const first = new Map<string, { e: RollEntry; id: string }>();
  for (const e of ctx.entries) {
    const info = ctx.ids.get(e);
    // Only well-formed IDs are compared: placeholders such as 「无」 are each reported as malformed instead.
    if (info === undefined || info.kind === 'malformed') continue;
    const f = first.get(info.as18);
    if (f === undefined) {
      first.set(info.as18, { e, id: info.normalized });
      continue;
    }
    const upgraded = f.id !== info.normalized ? ' (15 位旧号码升为 18 位后相同)' : '';
    ctx.add(
      e,
      'DUPLICATE_ID',
      `身份证号 ${info.normalized} 与${rowRef(f.e)} 的 ${f.id} 是同一号码${upgraded}; 同一人只能登记一次 (规程 第十五条)`,
      [f.e.line],
    );
  }
}

/** 重复登记 by 选民证号. */
function checkDuplicateVoterIds(ctx: CheckContext): void {
  for (const rows of ctx.byVoterId.values()) {
    const [first, ...later] = rows;
    if (first === undefined) continue;
    for (const e of later)
      ctx.add(e, 'DUPLICATE_VOTER_ID', `选民证号 ${clean(e.voterId) ?? ''} 与${rowRef(first)} 重复; 每张选民证号只能发给一人`, [
        first.line,
      ]);
  }
}

/** 身份证号 malformed or with a wrong check character. */
function checkIdNumbers(ctx: CheckContext): void {
  for (const e of ctx.entries) {
    const info = ctx.ids.get(e);
    if (info?.kind === 'malformed') ctx.add(e, 'ID_MALFORMED', `身份证号 ${info.normalized} ${info.reason}`);
    else if (info?.kind === 'id18' && info.expectedCheck !== undefined) {
      ctx.add(e, 'ID_CHECK_DIGIT', `身份证号 ${info.normalized} 的末位校验码应为 ${info.expectedCheck} (GB 11643-1999), 号码可能抄错`);
    }
  }
}

/** 出生日期 as written, when it is a real day. */
function writtenBirth(e: RollEntry): number | undefined {
  const raw = clean(e.birthDate);
  return raw === undefined ? undefined : parseIsoDate(raw);
}

function idBirth(ctx: CheckContext, e: RollEntry): number | undefined {
  const info = ctx.ids.get(e);
  return info !== undefined && info.kind !== 'malformed' ? info.birth : undefined;
}

/** 出生日期 not a real day, or not the one in the 身份证号. */
function checkBirthDates(ctx: CheckContext): void {
  for (const e of ctx.entries) {
    const raw = clean(e.birthDate);
    const birth = writtenBirth(e);
    if (raw !== undefined && birth === undefined)
      ctx.add(e, 'BIRTH_DATE_INVALID', `出生日期「${raw}」不是有效日期, 应写作 YYYY-MM-DD (如 1968-03-02)`);
    const fromId = idBirth(ctx, e);
    if (birth !== undefined && fromId !== undefined && birth !== fromId) {
      const id = ctx.ids.get(e)?.normalized ?? '';
      ctx.add(e, 'BIRTH_DATE_MISMATCH', `出生日期 ${formatDate(birth)} 与身份证号 ${id} 中的出生日期 ${formatDate(fromId)} 不一致`);
    }
  }
}

/** 年龄 (规程 第二条(一): 年满18周岁; 选民年龄以选举日计算). */
function checkAges(ctx: CheckContext): void {
  const day = ctx.day;
  if (day === undefined) return;
  for (const e of ctx.entries) {
    const birth = writtenBirth(e);
    const known = birth ?? idBirth(ctx, e);
    if (known === undefined) continue;
    const age = ageOn(known, day);
    if (age >= 18) continue;
    const from = birth !== undefined ? `出生日期 ${formatDate(known)}` : `身份证号中的出生日期 ${formatDate(known)}`;
    const ageText = age < 0 ? `晚于选举日 ${formatDate(day)}` : `到选举日 ${formatDate(day)} 为 ${age} 周岁`;
    ctx.add(e, 'UNDER_18', `${from}, ${ageText}, 没有选举权 (规程 第二条(一): 年满18周岁)`);
  }
}

/** Rows whose age cannot be checked (no valid 出生日期 and no usable 身份证号); 0 without an election day. */
function countAgeUnchecked(ctx: CheckContext): number {
  if (ctx.day === undefined) return 0;
  return ctx.entries.filter((e) => writtenBirth(e) === undefined && idBirth(ctx, e) === undefined).length;
}

/**
 * Who a 受托人 cell names: a 选民证号 first; otherwise a 姓名, or `姓名(居民小组)` for a homonym.
 * Returns every matching row (0: nobody; >1: ambiguous).
 */
function resolveHolder(raw: string, ctx: CheckContext): RollEntry[] {
  const byId = ctx.byVoterId.get(voterIdKey(raw));
  if (byId !== undefined) return byId;
  const n = normalizeName(raw);
  const exact = ctx.byName.get(n);
  if (exact !== undefined) return exact;
  const { name, group } = splitGroup(n);
  if (group === undefined) return [];
  return rowsOf(ctx.byName, name).filter((e) => groupKey(e.group) === group);
}

/** 委托投票 (规程 第三十条): who holds whose proxy; problems with the 受托人 cell itself are reported here. */
function proxyHolders(ctx: CheckContext, report: boolean): Map<RollEntry, RollEntry> {
  const holderOf = new Map<RollEntry, RollEntry>();
  for (const e of ctx.entries) {
    const raw = clean(e.proxy);
    if (raw === undefined) continue;
    const found = resolveHolder(raw, ctx);
    const [holder] = found;
    if (holder === undefined) {
      if (report)
        ctx.add(
          e,
          'PROXY_UNKNOWN',
          `受托人「${raw}」不是名单中的选民 (既非选民证号也非姓名); 只能委托本社区有选举权的选民 (规程 第三十条)`,
        );
    } else if (found.length > 1) {
      const lines = found.map((f) => f.line);
      if (report)
        ctx.add(e, 'PROXY_AMBIGUOUS', `受托人「${raw}」在名单中有 ${found.length} 人 (${linesText(lines)}), 请改写受托人的选民证号`, lines);
    } else if (holder === e) {
      if (report) ctx.add(e, 'PROXY_SELF', `受托人「${raw}」就是本人`);
    } else holderOf.set(e, holder);
  }
  return holderOf;
}

/** 委托投票 (规程 第三十条): too many proxies, proxies passed on, candidates holding proxies. */
function checkProxies(ctx: CheckContext): void {
  const holderOf = proxyHolders(ctx, true);
  const givers = new Map<RollEntry, RollEntry[]>();
  for (const [giver, holder] of holderOf) push(givers, holder, giver);
  for (const h of [...givers.keys()].sort((a, b) => a.line - b.line)) {
    const lines = rowsOf(givers, h).map((g) => g.line);
    if (lines.length > ctx.maxProxies) {
      ctx.add(
        h,
        'PROXY_OVER_LIMIT',
        `接受了 ${lines.length} 人的委托 (${linesText(lines)}), 超过每人最多 ${ctx.maxProxies} 人的限额 (规程 第三十条)`,
        lines,
      );
    }
    const own = holderOf.get(h);
    if (own !== undefined) {
      ctx.add(
        h,
        'PROXY_CHAIN',
        `本人已委托${rowRef(own)} 代为投票, 却又接受了${linesText(lines)}的委托; 持委托证的选民应亲自参加选举大会投票 (规程 第三十条)`,
        [own.line, ...lines],
      );
    }
    if (ctx.candidates.has(h.name)) {
      const homonym = rowsOf(ctx.byName, h.name).length > 1 ? ' (名单中有同名选民, 请核实此人是否就是候选人)' : '';
      ctx.add(
        h,
        'CANDIDATE_PROXY',
        `是候选人${homonym}, 却接受了${linesText(lines)}的委托; 正式候选人不得接受委托投票 (规程 第三十条)`,
        lines,
      );
    }
  }
}

/** 候选人须是登记选民 (被选举权), and election.json's registered must match the roll. */
function checkElectionFile(ctx: CheckContext): void {
  const election = ctx.election;
  if (election === undefined) return;
  election.offices.forEach((o, i) => {
    o.candidates.forEach((c, j) => {
      if (!ctx.byName.has(c))
        ctx.add(
          undefined,
          'CANDIDATE_NOT_ON_ROLL',
          `${o.name}候选人「${c}」不在选民名单中; 候选人必须是登记参加选举的选民`,
          [],
          `offices[${i}].candidates[${j}]`,
        );
    });
  });
  if (election.registered !== undefined && election.registered !== ctx.entries.length) {
    ctx.add(
      undefined,
      'REGISTERED_MISMATCH',
      `election.json 的 registered 为 ${election.registered}, 但选民名单有 ${ctx.entries.length} 人; 两者必须一致 (计票时会报错)`,
      [],
      'registered',
    );
  }
}

/** Homonyms that `姓名(居民小组)` cannot tell apart (SPEC §3 step 3) are problems. */
function checkHomonymGroup(
  ctx: CheckContext,
  name: string,
  rows: readonly RollEntry[],
  byGroup: ReadonlyMap<string, RollEntry[]>,
): boolean {
  let ambiguous = false;
  for (const r of rows) {
    const g = groupKey(r.group);
    const same = rowsOf(byGroup, g);
    if (g === '') {
      ambiguous = true;
      const others = rows.filter((o) => o !== r).map((o) => o.line);
      ctx.add(
        r,
        'HOMONYM_AMBIGUOUS',
        `与${linesText(others)}同名, 且未填居民小组, 另选票上无法写「姓名(居民小组)」指明此人; 请补填居民小组`,
        others,
      );
    } else if (same.length > 1) {
      ambiguous = true;
      if (same[0] !== r) continue;
      const twins = same.filter((o) => o !== r).map((o) => o.line);
      ctx.add(
        r,
        'HOMONYM_AMBIGUOUS',
        `与${linesText(twins)}同名且同在${g}, 另选票上写「${personKey(name, g)}」也无法区分; 请在名单中加以区别 (如注明居民小组以下的楼栋)`,
        twins,
      );
    }
  }
  return ambiguous;
}

/** 同名 (SPEC §3 step 3: a write-in names a homonym as 姓名(居民小组)), in 姓氏笔画 order. */
function homonymGroups(ctx: CheckContext): HomonymGroup[] {
  const names = [...ctx.byName.keys()].filter((n) => rowsOf(ctx.byName, n).length > 1).sort(byStroke);
  return names.map((name) => {
    const rows = rowsOf(ctx.byName, name);
    const byGroup = new Map<string, RollEntry[]>();
    for (const r of rows) push(byGroup, groupKey(r.group), r);
    const candidate = ctx.candidates.has(name);
    const members: HomonymMember[] = rows.map((r) => {
      const g = groupKey(r.group);
      const unique = g !== '' && rowsOf(byGroup, g).length === 1;
      const vid = clean(r.voterId);
      return {
        line: r.line,
        ...(vid !== undefined ? { voterId: vid } : {}),
        ...(g !== '' ? { group: g } : {}),
        ...(unique && !candidate ? { writeAs: personKey(name, g) } : {}),
      };
    });
    return { name, members, ambiguous: checkHomonymGroup(ctx, name, rows, byGroup), candidate };
  });
}

/** The row checks, in the order they run. */
const ROW_CHECKS: readonly ((ctx: CheckContext) => void)[] = [
  checkNames,
  checkDuplicateIds,
  checkDuplicateVoterIds,
  checkIdNumbers,
  checkBirthDates,
  checkAges,
  checkProxies,
  checkElectionFile,
];

function problemCollector(problems: RollProblem[]): AddProblem {
  return (e, code, message, related = [], key) => {
    const id = e === undefined ? undefined : clean(e.voterId);
    problems.push({
      code,
      related: [...related].sort((a, b) => a - b),
      message,
      ...(e !== undefined ? { line: e.line } : {}),
      ...(id !== undefined ? { voterId: id } : {}),
      ...(e !== undefined && e.name !== '' ? { name: e.name } : {}),
      ...(key !== undefined ? { key } : {}),
    });
  };
}

function checkContext(entries: readonly RollEntry[], opts: RollCheckOptions, add: AddProblem): CheckContext {
  const dateText = opts.electionDate ?? opts.election?.date;
  const ids = new Map<RollEntry, IdInfo>();
  const byVoterId = new Map<string, RollEntry[]>();
  const byName = new Map<string, RollEntry[]>();
  for (const e of entries) {
    const rawId = clean(e.idNumber);
    if (rawId !== undefined) ids.set(e, parseIdNumber(rawId));
    const vid = clean(e.voterId);
    if (vid !== undefined) push(byVoterId, voterIdKey(vid), e);
    if (e.name !== '') push(byName, e.name, e);
  }
  const candidates = new Set((opts.election?.offices ?? []).flatMap((o) => o.candidates));
  const day = dateText === undefined ? undefined : parseIsoDate(dateText);
  return { entries, election: opts.election, day, maxProxies: opts.maxProxies, ids, byVoterId, byName, candidates, add };
}

/** Rows in file order (each row's problems in ROLL_CHECKS order), then election.json problems by key. */
function sortProblems(problems: RollProblem[]): void {
  const order = new Map(ROLL_CHECKS.map((c, i) => [c, i]));
  const rank = (c: RollCheckCode): number => order.get(c) as number;
  problems.sort((a, b) => {
    const la = a.line ?? Number.MAX_SAFE_INTEGER;
    const lb = b.line ?? Number.MAX_SAFE_INTEGER;
    if (la !== lb) return la - lb;
    if (a.code !== b.code) return rank(a.code) - rank(b.code);
    const ka = a.key ?? '';
    const kb = b.key ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function summarize(ctx: CheckContext, problems: readonly RollProblem[], homonyms: readonly HomonymGroup[]): RollCheckSummary {
  const counts = Object.fromEntries(ROLL_CHECKS.map((c) => [c, 0])) as Record<RollCheckCode, number>;
  for (const p of problems) counts[p.code]++;
  const skipped: RollCheckCode[] = [];
  if (ctx.day === undefined) skipped.push('UNDER_18');
  if (ctx.election === undefined) skipped.push('CANDIDATE_PROXY', 'CANDIDATE_NOT_ON_ROLL', 'REGISTERED_MISMATCH');
  return {
    entries: ctx.entries.length,
    electionDate: ctx.day === undefined ? null : formatDate(ctx.day),
    maxProxies: ctx.maxProxies,
    proxies: ctx.entries.filter((e) => clean(e.proxy) !== undefined).length,
    ageUnchecked: countAgeUnchecked(ctx),
    counts,
    skipped,
    problems: problems.length,
    homonymGroups: homonyms.length,
  };
}

export function checkRoll(rollEntries: readonly RollEntry[], opts: RollCheckOptions): RollCheck {
  // RollEntry.name is normalised by the loader; normalising again is idempotent and keeps the core safe.
  const entries = rollEntries.map((e) => ({ ...e, name: normalizeName(e.name) }));
  const problems: RollProblem[] = [];
  const ctx = checkContext(entries, opts, problemCollector(problems));
  for (const check of ROW_CHECKS) check(ctx);
  const homonyms = homonymGroups(ctx);
  sortProblems(problems);
  return { problems, homonyms, summary: summarize(ctx, problems, homonyms) };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
