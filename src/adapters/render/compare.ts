/**
 * The discrepancy report of `jipiao compare` (申诉复核): a table for the reviewer and a deterministic
 * JSON document (`jipiao.compare/1`) for other systems. Both end with the verdict.
 */
import { showControlsDeep } from './safe-result.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { type Comparison, INVALID_BECAUSE } from '../../core/index.js';

const sign = (n: number): string => (n > 0 ? `+${n}` : String(n));
const list = (xs: readonly string[]): string => (xs.length === 0 ? '无' : xs.join('; '));
const validityText = (valid: boolean, failed: readonly string[]): string =>
  valid ? '有效' : `无效 (${failed.map((c) => INVALID_BECAUSE[c] ?? c).join('、')})`;

export function renderComparisonTable(unsafe: Comparison, unsafeFiles: readonly [string, string], color: boolean): string {
  // Names, 票箱 and file names from the documents never reach the terminal raw (issue 13).
  const c = showControlsDeep(unsafe);
  const files = showControlsDeep(unsafeFiles);
  const k = new Chalk({ level: color ? 1 : 0 });
  const style = { head: color ? ['bold'] : [], border: color ? ['grey'] : [], compact: true };
  const out: string[] = [k.bold(`${c.title} — 复核比对`), `原结果: ${files[0]}`, `复核结果: ${files[1]}`, ''];

  const t = new Table({ head: ['选票', '原结果', '复核', '差'], style, colAligns: ['left', 'right', 'right', 'right'] });
  for (const f of c.ballots) t.push([f.what, String(f.before), String(f.after), f.diff === 0 ? '' : sign(f.diff)]);
  out.push(t.toString());

  if (c.boxes.length > 0) {
    const b = new Table({ head: ['票箱', '项目', '原结果', '复核', '差'], style, colAligns: ['left', 'left', 'right', 'right', 'right'] });
    for (const f of c.boxes) b.push([f.box, f.what, String(f.before), String(f.after), sign(f.diff)]);
    out.push('', '各票箱差异:', b.toString());
  } else out.push('', '各票箱: 无差异');

  if (c.votes.length > 0) {
    const v = new Table({ head: ['姓名', '职务', '原结果', '复核', '差'], style, colAligns: ['left', 'left', 'right', 'right', 'right'] });
    for (const f of c.votes) v.push([f.name, f.office, String(f.before), String(f.after), sign(f.diff)]);
    out.push('', '得票差异:', v.toString());
  } else out.push('', '得票: 无差异');

  // Who is elected, office by office (every office either result names).
  const offices = [...new Set([...c.elected.before, ...c.elected.after].map((x) => x.office))];
  const names = (xs: readonly { office: string; name: string }[], office: string): string =>
    xs
      .filter((x) => x.office === office)
      .map((x) => x.name)
      .join('、') || '—';
  if (offices.length > 0) {
    const e = new Table({ head: ['当选', '原结果', '复核', '比对'], style, colAligns: ['left', 'left', 'left', 'left'] });
    for (const office of offices) {
      const changed = c.elected.changes.some((x) => x.office === office);
      e.push([office, names(c.elected.before, office), names(c.elected.after, office), changed ? k.red('改变') : '']);
    }
    out.push('', e.toString());
  } else out.push('', '当选: 两份结果均无人当选');

  const lines: string[] = [];
  if (c.validity.before !== c.validity.after || c.validity.failedBefore.join() !== c.validity.failedAfter.join()) {
    lines.push(
      `选举有效性: ${validityText(c.validity.before, c.validity.failedBefore)} → ${validityText(c.validity.after, c.validity.failedAfter)}`,
    );
  }
  if (c.pending.revote) lines.push(`再次投票: ${list(c.revote.before)} → ${list(c.revote.after)}`);
  if (c.pending.runoff) lines.push(`另行选举: ${list(c.runoff.before)} → ${list(c.runoff.after)}`);
  if (c.pending.vacant) lines.push(`空缺: ${list(c.vacant.before)} → ${list(c.vacant.after)}`);
  if (c.provisional.before) lines.push('注意: 原结果有疑难选票尚待认定 (临时结果)');
  if (c.provisional.after) lines.push('注意: 复核结果有疑难选票尚待认定 (临时结果)');
  if (lines.length > 0) out.push('', ...lines);

  out.push('', c.outcomeChanged ? k.red.bold(c.verdict) : k.green.bold(c.verdict));
  return `${out.join('\n')}\n`;
}

/** Deterministic: key order fixed by the object literals of core/compare.ts, 2-space indent, trailing newline. */
export function renderComparisonJson(c: Comparison, files: readonly [string, string]): string {
  return `${JSON.stringify({ schema: 'jipiao.compare/1', published: files[0], recount: files[1], ...c }, null, 2)}\n`;
}
