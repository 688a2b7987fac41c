/**
 * The terminal report of `jipiao count` (SPEC §5): what the 计票员 must see at once — is the election
 * valid, every person's votes, who is elected to which office, which ballots are disputed and what must
 * still happen. Colour only when asked (TTY and no NO_COLOR); tables by cli-table3, which measures CJK
 * characters as two columns.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import {
  CLASS_LABEL,
  type CountResult,
  METHOD_LABEL,
  MODE_LABEL,
  REASON_LABEL,
  ROUND_LABEL,
  type ReasonCode,
  VERDICT_LABEL,
  describeIssues,
  isFinal,
} from '../../core/index.js';
import { ROLE_LABEL, type RenderContext } from './context.js';

function table(head: string[], color: boolean, align?: ('left' | 'right' | 'center')[]): Table.Table {
  return new Table({
    head,
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    ...(align ? { colAligns: align } : {}),
  });
}

/** Exact percentage with one decimal from integers (no float thresholds): 318/412 → "77.1%". */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const permille = Math.floor((part * 1000) / whole);
  return `${Math.floor(permille / 10)}.${permille % 10}%`;
}

export function renderTable(r: CountResult, ctx: RenderContext): string {
  const c: ChalkInstance = new Chalk({ level: ctx.color ? 1 : 0 });
  const e = r.election;
  const out: string[] = [];
  const h = (s: string): void => void out.push('', c.bold(s));
  out.push(c.bold(`${e.title}`));
  out.push(`${e.date}  ${METHOD_LABEL[e.method]} · ${MODE_LABEL[e.mode]} · ${ROUND_LABEL[e.round]}`);
  if (ctx.inputs.length > 0) {
    out.push('使用的文件:');
    for (const i of ctx.inputs) out.push(`  ${ROLE_LABEL[i.role]}  ${i.file}`);
  }

  h('一、选票统计');
  const b = r.ballots;
  const reg = e.method === 'representative' ? '居民代表总数' : '登记选民';
  const s = table(['项目', '数量'], ctx.color, ['left', 'right']);
  s.push(
    [reg, String(b.registered)],
    ['发出选票', String(b.issued)],
    ['收回选票', String(b.returned)],
    [`有效 (含弃权 ${b.blank})`, String(b.valid)],
    ['部分有效', String(b.partial)],
    ['无效 (废票)', String(b.invalid)],
    ['疑难 (待认定)', String(b.disputed)],
    ['参加投票比例', percent(b.returned, b.registered)],
  );
  out.push(s.toString());
  const reasons = Object.entries(r.reasons) as [ReasonCode, number][];
  if (reasons.length > 0) out.push(`原因: ${reasons.map(([k, n]) => `${REASON_LABEL[k]} ${n}`).join('; ')}`);

  h('二、选举有效性');
  for (const chk of r.validity.checks) out.push(`  ${chk.passed ? c.green('✓') : c.red('✗')} ${chk.text}`);
  if (r.validity.valid) out.push(c.green.bold('  选举有效'));
  else out.push(c.red.bold(`  选举无效 (${r.validity.failed.join(', ')}): 本次选举无人当选; 以下统计仅供存档`));

  if (r.boxes.length > 1) {
    h('三、各票箱');
    const t = table(['票箱', '收回', '有效', '弃权', '部分有效', '无效', '疑难'], ctx.color, ['left', 'right', 'right', 'right', 'right', 'right', 'right']);
    for (const x of r.boxes) t.push([x.box, x.returned, x.valid, x.blank, x.partial, x.invalid, x.disputed].map(String));
    out.push(t.toString());
  }

  h('四、唱票统计 (按职务)');
  for (const o of r.offices) {
    out.push(`${o.name} (应选 ${o.seats} 名; 计入 ${o.counted} 张, 超额作废 ${o.overvoted} 栏, 只计高职务去掉 ${o.removed} 票, 另选非选民 ${o.notVoter} 票)`);
    const t = o.opposeKnown
      ? table(['候选人', '赞成', '反对', '弃权'], ctx.color, ['left', 'right', 'right', 'right'])
      : table(['候选人', '赞成', '未赞成'], ctx.color, ['left', 'right', 'right']);
    for (const x of o.candidates) t.push(o.opposeKnown ? [x.name, String(x.approve), String(x.oppose), String(x.abstain)] : [x.name, String(x.approve), String(x.oppose + x.abstain)]);
    out.push(t.toString());
  }

  h('五、得票汇总');
  const offices = e.offices.map((o) => o.name);
  const t = table(['姓名', '候选职务', ...offices.map((o) => `${o}票`), '总得票', '过半数', '当选'], ctx.color, [
    'left',
    'left',
    ...offices.map(() => 'right' as const),
    'right',
    'center',
    'left',
  ]);
  for (const p of r.people) {
    t.push([
      p.elected ? c.bold(p.name) : p.name,
      p.printed ?? '另选',
      ...offices.map((o) => String(p.votes[o] ?? 0)),
      String(p.total),
      p.majority ? '✓' : '',
      p.elected ? c.green(p.elected) : '',
    ]);
  }
  out.push(t.toString());
  out.push(`过半数: 总得票数 × 2 > 收回选票 ${b.returned} (第三十八条)`);
  if (e.round === 'runoff') out.push(`另行选举当选: 得票多者, 且得票 × 3 ≥ 收回选票 ${b.returned} (第四十条)`);
  if (e.round === 'revote') out.push('再次投票: 在得票相等的候选人中以得票多者当选 (第三十九条(三))');

  h(r.provisional ? '六、当选名单 (暂定, 疑难选票待认定)' : '六、当选名单');
  if (!r.validity.valid) out.push(c.red('  选举无效, 无人当选'));
  else if (r.elected.length === 0) out.push('  无人当选');
  else for (const x of r.elected) out.push(`  ${x.office}  ${c.bold(x.name)}  (职务得票 ${x.votes}, 总得票 ${x.total})`);

  h('七、尚需处理');
  const todo: string[] = [];
  const pending = r.disputes.filter((d) => !d.ruling);
  if (pending.length > 0) {
    todo.push(c.yellow(`疑难选票 ${pending.length} 张, 须由选举领导小组认定 (可用 jipiao disputes … --out rulings.csv 生成认定表):`));
    for (const d of pending) todo.push(`  [${d.no}] 票号 ${d.ticket}  票箱 ${d.box}  ${describeIssues(d.issues)}${d.note ? `  备注: ${d.note}` : ''}`);
    if (r.margin) {
      todo.push(
        r.margin.stable
          ? c.green('  疑难选票不影响当选结果 (按最不利情形计算)')
          : c.red(`  疑难选票可能影响以下职务的当选结果: ${r.margin.atStake.join('、') || '选举有效性'}; 须先认定再公布`),
      );
    }
  }
  for (const x of r.revote) todo.push(c.yellow(`再次投票: ${x.office} ${x.seats} 名, 在得票相等的 ${x.names.join('、')} 中进行 (第三十九条(三))`));
  for (const x of r.runoff) {
    todo.push(c.yellow(`另行选举: ${x.office} ${x.seats} 名, 候选人按得票多少为序: ${x.candidates.join('、')} (第四十条)`));
    if (x.tieAtCutoff) todo.push('  候选人截止处得票相等, 人数需由选举领导小组确定');
  }
  for (const x of r.vacant) todo.push(`空缺: ${x.office} ${x.seats} 名 (第四十一条)`);
  if (r.presiding) todo.push(r.presiding);
  if (todo.length === 0) todo.push(isFinal(r) ? '无。计票结果为最终结果, 可以公布。' : '无');
  out.push(...todo.map((x) => (x.startsWith('  ') ? x : `  ${x}`)));

  const ruled = r.disputes.filter((d) => d.ruling);
  if (ruled.length > 0) {
    h('疑难选票认定');
    for (const d of ruled) {
      const rl = d.ruling;
      if (!rl) continue;
      out.push(
        `  [${d.no}] 票号 ${d.ticket}  ${describeIssues(d.issues)} → 认定${VERDICT_LABEL[rl.verdict]}${rl.vote ? ` (表决 ${rl.vote})` : ''}, 计为${CLASS_LABEL[rl.finalClass]}${rl.reason ? `; 理由: ${rl.reason}` : ''}`,
      );
    }
  }
  if (r.warnings.length > 0) {
    h('提示');
    for (const w of r.warnings) out.push(`  ${c.yellow(w)}`);
  }
  return `${out.join('\n')}\n`;
}
