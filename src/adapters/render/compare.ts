/** The discrepancy report of `jipiao compare` (table and JSON). */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Comparison } from '../../core/index.js';

const sign = (n: number): string => (n > 0 ? `+${n}` : String(n));

export function renderComparisonTable(c: Comparison, files: readonly [string, string], color: boolean): string {
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
  }
  if (c.votes.length > 0) {
    const v = new Table({ head: ['姓名', '职务', '原结果', '复核', '差'], style, colAligns: ['left', 'left', 'right', 'right', 'right'] });
    for (const f of c.votes) v.push([f.name, f.office, String(f.before), String(f.after), sign(f.diff)]);
    out.push('', '得票差异:', v.toString());
  } else out.push('', '得票: 无差异');
  if (c.validity.before !== c.validity.after) out.push(`选举有效性: ${c.validity.before ? '有效' : '无效'} → ${c.validity.after ? '有效' : '无效'}`);
  out.push('', c.outcomeChanged ? k.red.bold(c.verdict) : k.green.bold(c.verdict));
  return `${out.join('\n')}\n`;
}

export function renderComparisonJson(c: Comparison, files: readonly [string, string]): string {
  return `${JSON.stringify({ schema: 'jipiao.compare/1', published: files[0], recount: files[1], ...c }, null, 2)}\n`;
}
