/**
 * Election validity (规程 第三十七、三十八、四十条; 11.选举有效性确认). Integer arithmetic only.
 */
import { type Election, competitiveRange } from './model.js';

export type ValidityCode = 'MORE_RETURNED_THAN_ISSUED' | 'LOW_TURNOUT' | 'NOT_COMPETITIVE';

export interface ValidityCheck {
  readonly code: ValidityCode;
  readonly passed: boolean;
  /** The rule in words, with its figures, in Chinese. */
  readonly text: string;
  /** Office concerned (NOT_COMPETITIVE). */
  readonly office?: string | undefined;
}

export interface Validity {
  readonly valid: boolean;
  readonly failed: readonly ValidityCode[];
  readonly checks: readonly ValidityCheck[];
}

export function checkValidity(e: Election, returned: number, registered: number): Validity {
  const checks: ValidityCheck[] = [];
  // 第三十七条: 所投的票数, 等于或者少于所发选票总数的, 选举有效.
  checks.push({
    code: 'MORE_RETURNED_THAN_ISSUED',
    passed: returned <= e.issued,
    text: `收回选票 ${returned} 张${returned <= e.issued ? '不多于' : '多于'}发出选票 ${e.issued} 张 (第三十七条)`,
  });
  // 第三十八条 (first round, revote); 第四十条: 另行选举需登记选民过半数参加投票.
  if (e.method === 'representative' && e.round !== 'runoff') {
    const passed = 5 * returned > 4 * registered;
    checks.push({
      code: 'LOW_TURNOUT',
      passed,
      text: `参加投票 ${returned} 人${passed ? '超过' : '未超过'}居民代表总数 ${registered} 人的五分之四 (第三十八条)`,
    });
  } else {
    const passed = 2 * returned > registered;
    const who = e.method === 'representative' ? '居民代表总数' : '登记选民';
    checks.push({
      code: 'LOW_TURNOUT',
      passed,
      text: `参加投票 ${returned} 人${passed ? '超过' : '未超过'}${who} ${registered} 人的半数 (${e.round === 'runoff' ? '第四十条' : '第三十八条'})`,
    });
  }
  // 差额选举 (规程 候选人人数确定; 11.(4) 违反差额选举原则): first round only.
  if (e.round === 'first') {
    for (const o of e.offices) {
      const { min, max } = competitiveRange(o);
      const n = o.candidates.length;
      const passed = n >= min && n <= max;
      const want = min === max ? `${min} 人` : `${min} 至 ${max} 人`;
      checks.push({
        code: 'NOT_COMPETITIVE',
        office: o.name,
        passed,
        text: `${o.name}应选 ${o.seats} 名, 候选人 ${n} 名, 差额选举应为 ${want}${passed ? '' : ', 不符合差额选举'}`,
      });
    }
  }
  const failed: ValidityCode[] = [];
  for (const c of checks) if (!c.passed && !failed.includes(c.code)) failed.push(c.code);
  return { valid: failed.length === 0, failed, checks };
}
