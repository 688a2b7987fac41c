/**
 * The election model: what election.json describes, after validation (SPEC §2.1).
 * Plain data; the adapters build it, the core reads it.
 */

export type Method = 'direct' | 'household' | 'representative';
export type Mode = 'combined' | 'separate';
export type Round = 'first' | 'runoff' | 'revote';

export const METHOD_LABEL: Readonly<Record<Method, string>> = {
  direct: '直接选举',
  household: '户代表选举',
  representative: '居民代表选举',
};
export const MODE_LABEL: Readonly<Record<Mode, string>> = {
  combined: '一次性投票',
  separate: '分别投票',
};
export const ROUND_LABEL: Readonly<Record<Round, string>> = {
  first: '正式选举',
  runoff: '另行选举',
  revote: '再次投票',
};

export interface Office {
  /** Office name as printed (主任, 副主任, 委员, or free text). */
  readonly name: string;
  readonly seats: number;
  /** Printed candidates in ballot order, names normalised (see names.ts). */
  readonly candidates: readonly string[];
}

/** Local variations of the rules (SPEC §2.1 `rules`); every one has a default and is printed in the report. */
export interface Rules {
  /** A written name with a blank mark under it (`另选n:符号` empty): approve (default) or ignore. */
  readonly writeInWithoutMark: 'approve' | 'ignore';
  /** Max proxies one voter may hold (规程 第三十条: 3). */
  readonly maxProxies: number;
  /** A locality's own spellings of 赞成 (e.g. `v`), added to the mark vocabulary of SPEC §2.2. */
  readonly approveMarks?: readonly string[] | undefined;
  /** A locality's own spellings of 反对. */
  readonly opposeMarks?: readonly string[] | undefined;
}

export const DEFAULT_RULES: Rules = { writeInWithoutMark: 'approve', maxProxies: 3, approveMarks: [], opposeMarks: [] };

/** A member elected in an earlier round (only for runoff/revote rounds: who presides, 第四十一条). */
export interface PriorElected {
  readonly office: string;
  readonly name: string;
  /** 总得票数 in the round they were elected (to find the 委员 with most votes). */
  readonly total?: number | undefined;
}

/** 发出选票数 of one 票箱 (election.json `boxes`, optional): 流动票箱 are where ballots go missing. */
export interface BoxIssued {
  readonly name: string;
  readonly issued: number;
}

export interface Election {
  readonly community?: string | undefined;
  readonly title: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly method: Method;
  readonly mode: Mode;
  readonly round: Round;
  /** 登记参加选举的选民数 (representative: 居民代表总数). Undefined when only the roll gives it. */
  readonly registered?: number | undefined;
  /** 发出选票数. */
  readonly issued: number;
  readonly offices: readonly Office[];
  readonly rules: Rules;
  /** Members elected in earlier rounds (optional; runoff/revote only). */
  readonly previouslyElected: readonly PriorElected[];
  /** 发出选票数 per 票箱 (optional; checked against 收回 per box). */
  readonly boxes?: readonly BoxIssued[] | undefined;
}

/** The 差额 rule of 规程 "候选人人数确定": 主任/副主任 = seats + 1, 委员 = seats + 1 … seats + 3. */
export function competitiveRange(office: Office): { min: number; max: number } {
  if (office.name === '委员') return { min: office.seats + 1, max: office.seats + 3 };
  if (office.name === '主任' || office.name === '副主任') return { min: office.seats + 1, max: office.seats + 1 };
  // Free-text office names: the 委员 rule is the general one (多一至三人).
  return { min: office.seats + 1, max: office.seats + 3 };
}

export function totalSeats(e: Election): number {
  return e.offices.reduce((s, o) => s + o.seats, 0);
}
