/**
 * Sentences with the figures that several sheets print: the ballot counts in words (they always add up:
 * 收回 = 有效 + 部分有效 + 无效 + 疑难), the 过半数 / 三分之一 threshold, which offices are final while
 * disputed ballots are pending, and the elected of an office in 姓氏笔画 order.
 */
import type { CountResult, ElectedSeat } from '../../core/index.js';
import { showControls } from '../safe-text.js';
import { joinNames } from './typography.js';

import { byStroke } from '../../core/stroke.js';

export { byStroke };

/** A person's name as printed on a sheet (control characters shown escaped). */
export const shown = (name: string): string => showControls(name);

/** 收回选票 318 张，其中有效票 314 张（含弃权票 2 张）、部分有效票 2 张、无效票 2 张、疑难选票 0 张。 */
export function ballotFigures(r: CountResult): string {
  const b = r.ballots;
  // 无效票和废票计入选票总数 (规程 第三十七条): every returned ballot is in exactly one class.
  if (b.valid + b.partial + b.invalid + b.disputed !== b.returned) {
    throw new Error(`ballot classes do not add up: ${b.valid}+${b.partial}+${b.invalid}+${b.disputed} ≠ ${b.returned}`);
  }
  const who = r.election.method === 'representative' ? '居民代表总数' : '登记选民';
  return (
    `${who} ${b.registered} 人，发出选票 ${b.issued} 张，收回选票 ${b.returned} 张。收回的 ${b.returned} 张选票中，` +
    `有效票 ${b.valid} 张（含弃权票 ${b.blank} 张）、部分有效票 ${b.partial} 张、无效票 ${b.invalid} 张、疑难选票 ${b.disputed} 张，` +
    `合计 ${b.returned} 张。`
  );
}

/** What a person needs to be elected in this round, in words with the figure. */
export function thresholdText(r: CountResult): string {
  const R = r.ballots.returned;
  switch (r.election.round) {
    case 'first':
      // 规程 第三十八条: 获得参加投票的选民过半数赞成票, 始得当选.
      return `获得参加投票选民过半数的选票始得当选（第三十八条），本次收回选票 ${R} 张，得票须不少于 ${Math.floor(R / 2) + 1} 票。`;
    case 'runoff':
      // 规程 第四十条: 所得赞成票数不得少于已投选票总数的三分之一.
      return `另行选举以得赞成票多者当选，所得赞成票数不得少于已投选票总数的三分之一（第四十条），即不少于 ${Math.ceil(R / 3)} 票。`;
    case 'revote':
      return '再次投票以得票多的当选（第三十九条（三））。';
  }
}

/**
 * Offices whose result is final. Invalid election: none. No pending disputed ballot, or pending ones that
 * cannot change anything (margin.stable): all. Otherwise the offices ranked above the first office at
 * stake: a change in a higher office moves people into lower ones (第三十九条), so everything from the
 * first office at stake down waits for the rulings.
 */
export function finalOffices(r: CountResult): string[] {
  if (!r.validity.valid) return [];
  const names = r.election.offices.map((o) => o.name);
  if (!r.provisional || r.margin === null || r.margin.stable) return names;
  const first = names.findIndex((n) => r.margin?.atStake.includes(n) ?? false);
  return first < 0 ? names : names.slice(0, first);
}

/** The elected of one office, in 姓氏笔画 order. */
export function electedIn(r: CountResult, office: string): ElectedSeat[] {
  return r.elected.filter((x) => x.office === office).sort((a, b) => byStroke(a.name, b.name));
}

/** 张建国（212 票）、… */
export function namesWithVotes(seats: readonly ElectedSeat[]): string {
  return joinNames(seats.map((x) => `${shown(x.name)}（${x.votes} 票）`));
}
