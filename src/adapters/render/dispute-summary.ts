/**
 * The terminal's words for many disputed ballots (issue 12): a locality's own marks in force, one line per
 * pattern that makes more than a handful of ballots disputed (with what to do), and the per-ballot list
 * kept short — the first LIST_LIMIT ballots, then `还有 M 张`; the full list is in `--format json`, the
 * ballot log and `jipiao disputes`.
 */
import { type CountResult, type DisputePattern, type DisputedBallot, describeUnclear, disputePatterns } from '../../core/index.js';

export const LIST_LIMIT = 20;

function patternLine(p: DisputePattern): string {
  const u = p.sample;
  if (p.kind === 'mark') {
    const v = u.value.trim();
    return `「${v}」出现 ${p.occurrences} 次 (${p.ballots} 张疑难选票), 若本地以 ${v} 表示同意, 可在 election.json 的 rules.approveMarks 中加入 (表示反对则加入 rules.opposeMarks)`;
  }
  if (p.kind === 'name') return `${p.ballots} 张疑难选票有同类问题, 例如 ${describeUnclear(u)}`;
  return `${p.ballots} 张疑难选票: ${describeUnclear(u)}${p.occurrences > p.ballots ? ` (共 ${p.occurrences} 处)` : ''}`;
}

/** Lines for the top of the report: local marks in force, then the patterns (none on a clean count). */
export function disputeSummaryLines(r: CountResult): string[] {
  const out: string[] = [];
  const { approveMarks = [], opposeMarks = [] } = r.election.rules;
  if (approveMarks.length > 0)
    out.push(`本地符号: ${approveMarks.map((m) => `「${m}」`).join('')}表示赞成 (election.json rules.approveMarks)`);
  if (opposeMarks.length > 0)
    out.push(`本地符号: ${opposeMarks.map((m) => `「${m}」`).join('')}表示反对 (election.json rules.opposeMarks)`);
  const patterns = disputePatterns(r.disputes);
  if (patterns.length > 0) {
    out.push('疑难选票集中的问题:');
    for (const p of patterns) out.push(`  ${patternLine(p)}`);
  }
  return out;
}

/** The per-ballot list, capped: the first `limit` ballots, then how many more and where the full list is. */
export function cappedDisputeList(
  pending: readonly DisputedBallot[],
  lines: (d: DisputedBallot) => string[],
  indent: string,
  limit = LIST_LIMIT,
): string[] {
  const out = pending.slice(0, limit).flatMap(lines);
  if (pending.length > limit)
    out.push(`${indent}还有 ${pending.length - limit} 张 (完整清单见 --format json、--ballot-log 或 jipiao disputes)`);
  return out;
}
