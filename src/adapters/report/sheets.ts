/**
 * The official sheets of the guideline's 文书范例 (SPEC §5 `jipiao report`), as a small document model
 * that the text and HTML renderers share: 选举结果报告单, 当选公告 (文书范例15), 疑难选票认定表
 * (文书范例14), and the 另行选举 / 再次投票 notice. Pure: a CountResult in, sheets out.
 */
import { CLASS_LABEL, type CountResult, METHOD_LABEL, MODE_LABEL, ROUND_LABEL, VERDICT_LABEL, describeIssues } from '../../core/index.js';
import { stroke } from '../../core/stroke.js';

export type Block =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'para'; readonly text: string; readonly strong?: boolean }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly numeric?: readonly boolean[] }
  | { readonly kind: 'signatures'; readonly roles: readonly string[]; readonly date: string }
  | { readonly kind: 'right'; readonly lines: readonly string[] };

/** Every sheet there can be (file names without extension). */
export const SHEET_IDS = ['选举结果报告单', '当选公告', '疑难选票认定表', '再次投票公告', '另行选举公告'] as const;
export type SheetId = (typeof SHEET_IDS)[number];

export interface Sheet {
  /** File name without extension, e.g. 选举结果报告单. */
  readonly id: SheetId;
  readonly blocks: readonly Block[];
}

const byStroke = (a: string, b: string): number => stroke.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** 2026-12-20 → 2026年12月20日 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

function body(r: CountResult): string {
  return `${r.election.community ?? ''}居民委员会选举领导小组`;
}

export function reportSheet(r: CountResult): Sheet {
  const e = r.election;
  const b = r.ballots;
  const blocks: Block[] = [{ kind: 'title', text: '选举结果报告单' }];
  blocks.push({ kind: 'para', text: `选举名称: ${e.title}` });
  blocks.push({ kind: 'para', text: `选举日期: ${chineseDate(e.date)}    轮次: ${ROUND_LABEL[e.round]}` });
  blocks.push({ kind: 'para', text: `选举方式: ${METHOD_LABEL[e.method]}    投票方式: ${MODE_LABEL[e.mode]}` });
  if (r.provisional) blocks.push({ kind: 'para', strong: true, text: `【暂定】尚有 ${r.margin?.pending ?? b.disputed} 张疑难选票待选举领导小组认定。${r.margin?.stable ? '疑难选票不影响当选结果。' : `疑难选票可能影响${r.margin?.atStake.join('、') ?? ''}的当选结果, 须认定后再公布。`}` });
  blocks.push({
    kind: 'table',
    head: [e.method === 'representative' ? '居民代表总数' : '登记选民', '发出选票', '收回选票', '有效 (含弃权)', '部分有效', '无效/废票', '疑难'],
    rows: [[b.registered, b.issued, b.returned, `${b.valid} (${b.blank})`, b.partial, b.invalid, b.disputed].map(String)],
    numeric: [true, true, true, true, true, true, true],
  });
  blocks.push({ kind: 'para', text: '选举有效性:' });
  for (const c of r.validity.checks) blocks.push({ kind: 'para', text: `${c.passed ? '✓' : '✗'} ${c.text}` });
  blocks.push({ kind: 'para', strong: true, text: r.validity.valid ? '结论: 选举有效。' : `结论: 选举无效 (${r.validity.failed.join(', ')}), 本次选举无人当选。` });
  const offices = e.offices.map((o) => o.name);
  blocks.push({
    kind: 'table',
    head: ['姓名', ...offices.map((o) => `${o}票`), '总得票数', '当选职务'],
    rows: r.people.map((p) => [p.printed === null ? `${p.name} (另选)` : p.name, ...offices.map((o) => String(p.votes[o] ?? 0)), String(p.total), p.elected ?? '']),
    numeric: [false, ...offices.map(() => true), true, false],
  });
  if (r.validity.valid) {
    const el = r.elected.map((x) => `${x.office} ${x.name}`).join('; ');
    blocks.push({ kind: 'para', text: `当选: ${el === '' ? '无' : el}` });
    const rest: string[] = [];
    for (const x of r.revote) rest.push(`${x.office} ${x.seats} 名得票相等, 须就 ${[...x.names].sort(byStroke).join('、')} 再次投票`);
    for (const x of r.runoff) rest.push(`${x.office} ${x.seats} 名须另行选举, 候选人: ${x.candidates.join('、')}`);
    for (const x of r.vacant) rest.push(`${x.office} ${x.seats} 名空缺`);
    if (r.presiding) rest.push(r.presiding);
    blocks.push({ kind: 'para', text: `尚需处理: ${rest.length === 0 ? '无' : rest.join('; ')}` });
  }
  blocks.push({ kind: 'signatures', roles: ['总监票人', '监票人', '计票人', '唱票人', '选举领导小组组长'], date: chineseDate(e.date) });
  return { id: '选举结果报告单', blocks };
}

/** 当选公告 (文书范例15): only when the election is valid and somebody is elected. */
export function announcementSheet(r: CountResult): Sheet | undefined {
  if (!r.validity.valid || r.elected.length === 0) return undefined;
  const e = r.election;
  const b = r.ballots;
  const blocks: Block[] = [{ kind: 'title', text: `${e.community ?? ''}居民委员会选举当选公告` }];
  const counted = b.valid + b.partial;
  blocks.push({
    kind: 'para',
    text:
      `根据《中华人民共和国城市居民委员会组织法》和《城市社区居民委员会换届选举指导规程》, 本社区于${chineseDate(e.date)}召开选举大会, ` +
      `以${METHOD_LABEL[e.method]}方式${ROUND_LABEL[e.round] === '正式选举' ? '' : `进行${ROUND_LABEL[e.round]}, `}选举${e.title.replace(/选举$/u, '')}成员。` +
      `登记选民 ${b.registered} 人, 共发出选票 ${b.issued} 张, 收回 ${b.returned} 张, 其中有效票 ${counted} 张 (含部分有效 ${b.partial} 张), 无效票 ${b.invalid} 张。` +
      `经计票, 选举有效, 下列人员当选为本社区居民委员会成员:`,
  });
  for (const o of e.offices) {
    const names = r.elected.filter((x) => x.office === o.name).map((x) => x.name).sort(byStroke);
    if (names.length > 0) blocks.push({ kind: 'para', strong: true, text: `${o.name}: ${names.join('  ')}` });
  }
  if (r.provisional) blocks.push({ kind: 'para', text: '(尚有疑难选票待认定, 本公告为暂定结果。)' });
  blocks.push({ kind: 'para', text: '现予公告。' });
  blocks.push({ kind: 'right', lines: [body(r), chineseDate(e.date)] });
  return { id: '当选公告', blocks };
}

/** 疑难选票认定表 (文书范例14): one row per disputed ballot; unruled rows left blank to fill in by hand. */
export function disputesSheet(r: CountResult): Sheet | undefined {
  if (r.disputes.length === 0) return undefined;
  return {
    id: '疑难选票认定表',
    blocks: [
      { kind: 'title', text: '疑难选票认定表' },
      { kind: 'para', text: `选举名称: ${r.election.title}    日期: ${chineseDate(r.election.date)}` },
      {
        kind: 'table',
        head: ['编号', '票号', '疑难情形', '认定结果', '表决 (赞成:反对)', '理由'],
        rows: r.disputes.map((d) => [
          String(d.no),
          d.ticket,
          describeIssues(d.issues) + (d.note ? `; 备注: ${d.note}` : ''),
          d.ruling ? `${VERDICT_LABEL[d.ruling.verdict]} (计为${CLASS_LABEL[d.ruling.finalClass]})` : '',
          d.ruling?.vote ?? '',
          d.ruling?.reason ?? '',
        ]),
      },
      { kind: 'signatures', roles: ['选举领导小组组长', '选举领导小组成员', '总监票人'], date: chineseDate(r.election.date) },
    ],
  };
}

/** 再次投票 (规程 11: 3日内) and 另行选举 (第四十条: 30日内) notice. */
export function noticeSheet(r: CountResult): Sheet | undefined {
  if (!r.validity.valid || (r.revote.length === 0 && r.runoff.length === 0)) return undefined;
  const blocks: Block[] = [{ kind: 'title', text: r.runoff.length > 0 ? (r.revote.length > 0 ? '再次投票及另行选举公告' : '另行选举公告') : '再次投票公告' }];
  blocks.push({ kind: 'para', text: `${r.election.title}于${chineseDate(r.election.date)}投票, 经计票, 以下职务未能全部选出:` });
  for (const x of r.revote) {
    blocks.push({
      kind: 'para',
      text: `${x.office} ${x.seats} 名: 下列人员得票相等, 不能确定当选人, 应当在 3 日内就得票相等的人员再次投票, 以得票多的当选 (第三十九条(三)): ${[...x.names].sort(byStroke).join('、')}。`,
    });
  }
  for (const x of r.runoff) {
    blocks.push({
      kind: 'para',
      text: `${x.office} ${x.seats} 名: 应当在 30 日内另行选举, 按第一次投票未当选人得票多少为序确定候选人 (第四十条): ${x.candidates.join('、')}${x.tieAtCutoff ? ' (截止处得票相等, 人数由选举领导小组确定)' : ''}。另行选举需登记选民过半数参加投票方为有效, 以得赞成票多者当选, 但所得赞成票数不得少于已投选票总数的三分之一。`,
    });
  }
  blocks.push({ kind: 'right', lines: [body(r), chineseDate(r.election.date)] });
  return { id: r.runoff.length > 0 ? '另行选举公告' : '再次投票公告', blocks };
}

export function buildSheets(r: CountResult): Sheet[] {
  return [reportSheet(r), announcementSheet(r), disputesSheet(r), noticeSheet(r)].filter((s): s is Sheet => s !== undefined);
}
