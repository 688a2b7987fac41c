/**
 * The terminal report of `jipiao count` (SPEC §5), all in Chinese, for the 计票员 at the venue: is the
 * election valid, who is elected to which office, which ballots are disputed and what must still happen.
 *
 * Colour only when the caller asks (TTY and no NO_COLOR): every escape comes from one Chalk instance
 * built from `ctx.color`, never from the global one, and cli-table3's own styling (which would consult
 * the environment) is switched off — headings are bolded by that same Chalk instance. cli-table3
 * measures CJK characters as two columns (string-width), so the tables line up; `text.ts` pads the
 * borderless lists with the same ranges. Kept within 80 columns for a normal three-office election.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import {
  CLASS_LABEL,
  type CountResult,
  type DisputedBallot,
  type Election,
  METHOD_LABEL,
  MODE_LABEL,
  REASON_LABEL,
  ROUND_LABEL,
  type ReasonCode,
  VERDICT_LABEL,
  describeUnclear,
  isFinal,
} from '../../core/index.js';
import { VALIDITY_LABEL, presidingText } from '../vocabulary.js';
import { ROLE_LABEL, type RenderContext } from './context.js';
import { cappedDisputeList, disputeSummaryLines } from './dispute-summary.js';
import { talliedLines } from './tallied.js';
import { showControlsDeep } from './safe-result.js';
import { columns, displayWidth } from './text.js';
import { fitLines, fitTable } from './fit.js';

export type { RenderContext } from './context.js';

type Align = 'left' | 'right' | 'center';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

function makeTable(c: ChalkInstance, head: readonly string[], align: readonly Align[], colWidths?: readonly number[]): Table.Table {
  return new Table({
    head: head.map((h) => c.bold(h)),
    colAligns: [...align],
    ...(colWidths ? { colWidths: [...colWidths] } : {}),
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
  });
}

/**
 * Rows from which a table is drawn by hand. cli-table3 lays out a whole table at once — far slower than
 * linear in the rows, and its `push.apply` overflows the stack near 100 000 rows (issue 13: 10 000
 * write-ins took 12 s, 150 000 crashed). A longer table takes its borders and head from cli-table3 (with
 * the whole table's column widths) and its rows are drawn here, the way cli-table3 draws a compact row
 * (tested equal, byte for byte): linear time, no stack use.
 */
export const LONG_TABLE = 200;

/** cli-table3's padding of a cell's text (`sw` columns wide) to `w` columns. */
function padCell(s: string, sw: number, w: number, align: Align): string {
  const n = Math.max(0, w - sw);
  if (align === 'right') return ' '.repeat(n) + s;
  if (align === 'center') return ' '.repeat(n - Math.ceil(n / 2)) + s + ' '.repeat(Math.ceil(n / 2));
  return s + ' '.repeat(n);
}

/** A table's text; a long one drawn row by row (see LONG_TABLE). */
export function tableText(
  c: ChalkInstance,
  head: readonly string[],
  align: readonly Align[],
  rows: readonly (readonly string[])[],
  columns?: number,
  drop: readonly (readonly number[])[] = [],
): string {
  if (rows.length <= LONG_TABLE) {
    const t = makeTable(c, head, align);
    for (const row of rows) t.push([...row]);
    // Fitted to the terminal's width (fit.ts): secondary columns dropped, long names wrapped in their cell.
    return fitTable(t, columns, drop);
  }
  // cli-table3's own width: the widest cell (bold head included) plus one column of padding each side.
  const widths = head.map((h) => displayWidth(c.bold(h)));
  const cellWidths = new Uint32Array(rows.length * head.length);
  rows.forEach((row, r) => {
    for (let i = 0; i < row.length; i++) {
      const w = displayWidth(row[i] ?? '');
      cellWidths[r * head.length + i] = w;
      if (w > (widths[i] ?? 0)) widths[i] = w;
    }
  });
  const frame = makeTable(
    c,
    head,
    align,
    widths.map((w) => w + 2),
  );
  frame.push(head.map(() => ''));
  const lines = frame.toString().split('\n'); // top, head, separator, (empty row), bottom
  const out = lines.slice(0, 3);
  rows.forEach((row, r) => {
    let line = '│';
    for (let i = 0; i < row.length; i++)
      line += ` ${padCell(row[i] ?? '', cellWidths[r * head.length + i] ?? 0, widths[i] ?? 0, align[i] ?? 'left')} │`;
    out.push(line);
  });
  out.push(lines[lines.length - 1] ?? '');
  return out.join('\n');
}

/**
 * Exact percentage with one decimal, from integers only (no float thresholds): the per-mille is
 * floor(part × 1000 / whole), so 318/412 → "77.1%" and a figure is never rounded up across a line.
 */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const permille = Math.floor((part * 1000) / whole);
  return `${Math.floor(permille / 10)}.${permille % 10}%`;
}

/** Why the election is invalid, e.g. `参加投票人数不足; 违反差额选举原则 (委员)`. */
export function invalidReasons(r: CountResult): string {
  return r.validity.failed
    .map((code) => {
      if (code !== 'NOT_COMPETITIVE') return VALIDITY_LABEL[code];
      const offices = r.validity.checks.filter((x) => x.code === code && !x.passed && x.office !== undefined).map((x) => x.office);
      return offices.length > 0 ? `${VALIDITY_LABEL[code]} (${offices.join('、')})` : VALIDITY_LABEL[code];
    })
    .join('; ');
}

/**
 * The figure an office was decided on, named (ElectedSeat.votes = the votes of offices 0..i, 规程 11:
 * 副主任得票数 = 主任票 + 副主任票; 委员按总得票数, 第三十九条(二)).
 */
function scoreLabel(e: Election, office: string): string {
  const names = e.offices.map((o) => o.name);
  const i = names.indexOf(office);
  if (names.length === 1 || i < 0) return '得票';
  if (i === names.length - 1) return '总得票';
  return names
    .slice(0, i + 1)
    .map((n) => `${n}票`)
    .join('+');
}

/** One disputed ballot: where it is and what is unclear, each issue on its own line. */
function disputeLines(d: DisputedBallot, indent: string): string[] {
  const out = [`${indent}[${d.no}] 票号 ${d.ticket}  票箱 ${d.box}  (${d.file} 第 ${d.line} 行)`];
  const more = `${indent}    `;
  if (d.issues.length === 0) out.push(`${more}疑难`);
  for (const u of d.issues) out.push(`${more}${describeUnclear(u)}`);
  if (d.note !== '') out.push(`${more}备注: ${d.note}`);
  return out;
}

export function renderTable(unsafe: CountResult, unsafeCtx: RenderContext): string {
  // User data never reaches the terminal raw (control and bidi characters shown as \uXXXX).
  const r = showControlsDeep(unsafe);
  const ctx = { ...unsafeCtx, inputs: showControlsDeep(unsafeCtx.inputs) };
  const c: ChalkInstance = new Chalk({ level: ctx.color ? 1 : 0 });
  const e = r.election;
  const out: string[] = [];
  let n = 0;
  const section = (title: string): string[] => ['', c.bold(`${NUMERALS[n++] ?? String(n)}、${title}`)];
  const pending = r.disputes.filter((d) => d.ruling === undefined);
  const ruled = r.disputes.filter((d) => d.ruling !== undefined);
  out.push(...titleLines(r, c, ctx));
  out.push(...ballotsSection(r, c, section, pending, ruled));
  // 3. Boxes.
  if (r.boxes.length > 1 || e.boxes !== undefined) out.push(...boxesSection(r, c, ctx, section));
  out.push(...officesSection(r, c, ctx, section));
  out.push(...peopleSection(r, c, ctx, section));
  out.push(...electedSection(r, c, section));
  out.push(...todoSection(r, c, section, pending));
  if (ruled.length > 0) out.push(...rulingsSection(section, ruled));

  if (r.warnings.length > 0) {
    out.push('', c.bold('提示'));
    for (const w of r.warnings) out.push(`  ${c.yellow(w)}`);
  }

  out.push('', conclusion(r, c, r.margin?.pending ?? pending.length));
  return `${fitLines(out.join('\n').split('\n'), ctx.columns).join('\n')}\n`;
}

/** A numbered heading (一、二、…), numbered in the order the sections are made. */
type Section = (title: string) => string[];

/** 1. Title, files, rules in force. */
function titleLines(r: CountResult, c: ChalkInstance, ctx: RenderContext): string[] {
  const e = r.election;
  const out: string[] = [];
  out.push(c.bold(`${e.title} 计票结果`));
  out.push([e.date, METHOD_LABEL[e.method], MODE_LABEL[e.mode], ROUND_LABEL[e.round]].join(' · '));
  if (e.previouslyElected.length > 0) {
    out.push(`前次已当选: ${e.previouslyElected.map((p) => `${p.office} ${p.name}`).join('、')}`);
  }
  if (ctx.inputs.length > 0) {
    out.push('使用的文件:');
    out.push(...columns(ctx.inputs.map((i) => [ROLE_LABEL[i.role], i.file])));
  }
  out.push(
    `计票规则: 另选姓名下未画符号的, ${e.rules.writeInWithoutMark === 'approve' ? '计为赞成票' : '不计票'} (election.json rules.writeInWithoutMark)`,
  );
  out.push(...disputeSummaryLines(r));
  return out;
}

/** 2. Ballots and validity. */
function ballotsSection(
  r: CountResult,
  c: ChalkInstance,
  section: Section,
  pending: readonly DisputedBallot[],
  ruled: readonly DisputedBallot[],
): string[] {
  const e = r.election;
  const b = r.ballots;
  const out: string[] = [];
  out.push(...section('选票统计'));
  const s = makeTable(c, ['项目', '数量'], ['left', 'right']);
  s.push(
    [e.method === 'representative' ? '居民代表总数' : '登记选民', String(b.registered)],
    ['发出选票', String(b.issued)],
    ['收回选票', String(b.returned)],
    [`有效 (含弃权 ${b.blank})`, String(b.valid)],
    ['部分有效', String(b.partial)],
    ['无效 (废票)', String(b.invalid)],
    ['疑难 (待认定)', b.disputed > 0 ? c.yellow(String(b.disputed)) : String(b.disputed)],
    ['参选率 (收回/登记)', percent(b.returned, b.registered)],
  );
  out.push(s.toString());
  if (ruled.length > 0) out.push(`其中疑难选票 ${ruled.length} 张已由选举领导小组认定, 按认定结果计入上列各类。`);
  const reasons = Object.entries(r.reasons) as [ReasonCode, number][];
  if (reasons.length > 0) out.push(`原因统计: ${reasons.map(([k, v]) => `${REASON_LABEL[k]} ${v}`).join('; ')}`);
  out.push(...talliedLines(r));

  out.push(...section('选举有效性'));
  for (const chk of r.validity.checks) out.push(`  ${chk.passed ? c.green('✓') : c.red('✗')} ${chk.text}`);
  if (r.validity.valid) {
    out.push(c.green.bold('  选举有效'));
    if (r.provisional) out.push(c.yellow.bold(`  计票结果暂定: 尚有 ${r.margin?.pending ?? pending.length} 张疑难选票待选举领导小组认定`));
  } else {
    out.push(c.red.bold(`  选举无效: ${invalidReasons(r)}`));
    out.push(c.red.bold('  本次选举无人当选; 以下得票仅供存档'));
  }
  return out;
}

/** 4. Per office: 唱票 (赞成/反对/弃权 per printed candidate). */
function officesSection(r: CountResult, c: ChalkInstance, ctx: RenderContext, section: Section): string[] {
  const out: string[] = [];
  out.push(...section('唱票统计 (按职务)'));
  r.offices.forEach((o, i) => {
    if (i > 0) out.push('');
    out.push(`${c.bold(o.name)} 应选 ${o.seats} 名${o.opposeKnown ? '' : ' (选票未录入反对, 反对和弃权合计为「未赞成」)'}`);
    const rows: string[][] = [];
    let printedApprovals = 0;
    for (const x of o.candidates) {
      printedApprovals += x.approve;
      rows.push(
        o.opposeKnown
          ? [x.name, String(x.approve), String(x.oppose), String(x.abstain)]
          : [x.name, String(x.approve), String(x.oppose + x.abstain)],
      );
    }
    const writeIns = o.approvals - printedApprovals;
    if (writeIns > 0) rows.push(['另选 (合计)', String(writeIns), ...(o.opposeKnown ? ['', ''] : [''])]);
    out.push(
      o.opposeKnown
        ? tableText(c, ['候选人', '赞成', '反对', '弃权'], ['left', 'right', 'right', 'right'], rows, ctx.columns)
        : tableText(c, ['候选人', '赞成', '未赞成'], ['left', 'right', 'right'], rows, ctx.columns),
    );
    out.push(officeCountLine(o));
  });
  return out;
}

/** 5. Combined: every person, votes per office, 总得票, 过半数, 当选. */
function peopleSection(r: CountResult, c: ChalkInstance, ctx: RenderContext, section: Section): string[] {
  const e = r.election;
  const b = r.ballots;
  const offices = e.offices.map((o) => o.name);
  const out: string[] = [];
  out.push(...section('得票汇总'));
  const single = offices.length === 1;
  // 过半数 decides only in a first round (第三十八条); a runoff (第四十条) or revote has its own rule.
  const showMajority = e.round === 'first';
  const people: string[][] = [];
  for (const p of r.people) {
    people.push([
      p.elected !== null ? c.bold(p.name) : p.name,
      p.printed ?? '另选',
      ...(single ? [] : offices.map((o) => String(p.votes[o] ?? 0))),
      String(p.total),
      ...(showMajority ? [p.majority ? '✓' : ''] : []),
      p.elected !== null ? c.green(p.elected) : '',
    ]);
  }
  out.push(
    tableText(
      c,
      [
        '姓名',
        '候选职务',
        ...(single ? [] : offices.map((o) => `${o}票`)),
        single ? '得票' : '总得票',
        ...(showMajority ? ['过半数'] : []),
        '当选',
      ],
      [
        'left',
        'left',
        ...(single ? [] : offices.map((): Align => 'right')),
        'right',
        ...(showMajority ? (['center'] as const) : []),
        'left',
      ],
      people,
      ctx.columns,
      // Secondary when narrow: the votes per office (总得票 stays), then 候选职务.
      [single ? [] : offices.map((_, i) => i + 2), [1]],
    ),
  );
  if (e.round === 'first') out.push(`过半数: ${single ? '得票' : '总得票'} × 2 > 收回选票 ${b.returned} (第三十八条)`);
  if (e.round === 'runoff') out.push(`另行选举: 得票多者当选, 且得票 × 3 ≥ 收回选票 ${b.returned} (第四十条)`);
  if (e.round === 'revote') out.push('再次投票: 在得票相等的人员中以得票多者当选 (第三十九条(三))');
  return out;
}

/** 6. Elected, by office, with the seats still open. */
function electedSection(r: CountResult, c: ChalkInstance, section: Section): string[] {
  const e = r.election;
  const out: string[] = [];
  out.push(...section(r.provisional && r.validity.valid ? '当选名单 (暂定, 疑难选票待认定)' : '当选名单'));
  if (!r.validity.valid) out.push(c.red.bold('  选举无效, 无人当选'));
  else {
    const rows: string[][] = [];
    const open: string[] = [];
    let total = 0;
    for (const o of e.offices) {
      total += o.seats;
      const label = scoreLabel(e, o.name);
      r.elected
        .filter((x) => x.office === o.name)
        .forEach((x, k) => {
          const figures =
            label === '总得票' ? `总得票 ${x.total}` : label === '得票' ? `得票 ${x.votes}` : `${label} ${x.votes}, 总得票 ${x.total}`;
          rows.push([k === 0 ? o.name : '', c.bold(x.name), figures]);
        });
      for (const x of r.revote) if (x.office === o.name) open.push(`${o.name} ${x.seats} 名待再次投票`);
      for (const x of r.runoff) if (x.office === o.name) open.push(`${o.name} ${x.seats} 名待另行选举`);
      for (const x of r.vacant) if (x.office === o.name) open.push(`${o.name}空缺 ${x.seats} 名`);
    }
    if (rows.length > 0) for (const line of columns(rows)) out.push(line);
    else out.push('  无人当选');
    out.push(`  应选 ${total} 名, 当选 ${r.elected.length} 名${open.length > 0 ? c.yellow(`; ${open.join('; ')}`) : ''}`);
  }
  return out;
}

/** 7. What must still happen. */
function todoSection(r: CountResult, c: ChalkInstance, section: Section, pending: readonly DisputedBallot[]): string[] {
  const out: string[] = [];
  out.push(...section('尚需处理'));
  const todo: string[] = [];
  if (!r.validity.valid) todo.push(c.red(`  选举无效 (${invalidReasons(r)}): 应组织重新选举 (第五十二条)`));
  const handPending = (r.margin?.pending ?? 0) - pending.length;
  if (handPending > 0)
    todo.push(c.yellow(`  计票统计表中的疑难选票 ${handPending} 张, 须由选举领导小组认定, 认定后改填计票统计表重新计票 (规程 10)`));
  if (pending.length + handPending > 0) {
    if (pending.length > 0) {
      todo.push(c.yellow(`  疑难选票 ${pending.length} 张, 须由选举领导小组编号、表决认定 (规程 10):`));
      todo.push(...cappedDisputeList(pending, (d) => disputeLines(d, '    '), '    '));
      todo.push('    认定表: jipiao disputes <选票文件> --out rulings.csv, 填写后用 --rulings 重新计票');
    }
    if (r.margin) {
      if (!r.validity.valid) todo.push('  选举无效, 疑难选票的认定不改变这一结论');
      else if (r.margin.stable) todo.push(c.green('  疑难选票不影响当选结果 (按最不利情形计算); 认定后当选名单即为最终结果'));
      else todo.push(c.red(`  疑难选票可能影响以下职务的当选结果: ${r.margin.atStake.join('、')}; 须先认定再公布`));
    }
  }
  for (const x of r.revote) {
    todo.push(
      c.yellow(`  再次投票: ${x.office} ${x.seats} 名, 在得票相等的 ${x.names.join('、')} 中进行, 以得票多者当选 (第三十九条(三), 3 日内)`),
    );
  }
  for (const x of r.runoff) {
    todo.push(c.yellow(`  另行选举: ${x.office} ${x.seats} 名, 候选人按得票多少为序: ${x.candidates.join('、')} (第四十条, 30 日内)`));
    if (x.tieAtCutoff) todo.push('    候选人名单截止处得票相等, 候选人人数须由选举领导小组确定');
  }
  for (const x of r.vacant) todo.push(`  空缺: ${x.office} ${x.seats} 名 (经另行选举仍未选出, 第四十一条)`);
  if (r.presiding !== null) todo.push(`  ${presidingText(r.presiding)}`);
  if (todo.length === 0) todo.push(c.green('  无。计票结果为最终结果, 可以公布。'));
  for (const line of todo) out.push(line);
  return out;
}

/** 疑难选票认定: the rulings applied. */
function rulingsSection(section: Section, ruled: readonly DisputedBallot[]): string[] {
  const out: string[] = [];
  if (ruled.length > 0) {
    out.push(...section('疑难选票认定'));
    for (const d of ruled) {
      const rl = d.ruling;
      if (!rl) continue;
      out.push(`  [${d.no}] 票号 ${d.ticket}  票箱 ${d.box}: ${d.issues.length > 0 ? d.issues.map(describeUnclear).join('; ') : '疑难'}`);
      const how = [`认定${VERDICT_LABEL[rl.verdict]}`, ...(rl.vote !== '' ? [`表决 ${rl.vote}`] : []), `计为${CLASS_LABEL[rl.finalClass]}`];
      out.push(`      ${how.join(', ')}${rl.reason !== '' ? `; 理由: ${rl.reason}` : ''} (${rl.file} 第 ${rl.line} 行)`);
    }
  }
  return out;
}

/**
 * 各票箱: with election.json `boxes`, a 发出 column beside 收回 (an excess marked ✗ and listed in 提示;
 * a warning, not an invalid election — see core/boxes.ts).
 */
function boxesSection(r: CountResult, c: ChalkInstance, ctx: RenderContext, section: Section): string[] {
  const b = r.ballots;
  const issued = r.election.boxes !== undefined;
  const heading = section('各票箱');
  const head = ['票箱', ...(issued ? ['发出'] : []), '收回', '有效', '弃权', '部分有效', '无效', '疑难'];
  const t = makeTable(c, head, ['left', ...head.slice(1).map((): Align => 'right')]);
  for (const x of r.boxes) {
    const over = x.issued !== undefined && x.returned > x.issued;
    const issuedCell = x.issued === undefined ? '—' : String(x.issued);
    const returned = over ? c.red(`✗ ${x.returned}`) : String(x.returned);
    t.push([x.box, ...(issued ? [issuedCell] : []), returned, ...[x.valid, x.blank, x.partial, x.invalid, x.disputed].map(String)]);
  }
  t.push([
    c.bold('合计'),
    ...(issued ? [c.bold(String(b.issued))] : []),
    ...[b.returned, b.valid, b.blank, b.partial, b.invalid, b.disputed].map((v) => c.bold(String(v))),
  ]);
  const shift = issued ? 1 : 0;
  return [...heading, fitTable(t, ctx.columns, [[3 + shift], [4 + shift]])];
}

/**
 * Who the voided write-ins were for (规程 第三十四条: 另选须为登记选民), e.g. ` (马超 3、刘大山 1)`; a tally
 * sheet gives only the figure, so names found on ballots that do not cover it end with 等.
 */
function notVoterWho(o: CountResult['offices'][number]): string {
  if (o.notVoterNames.length === 0) return '';
  const named = o.notVoterNames.reduce((n, [, v]) => n + v, 0);
  return ` (不在选民名单中: ${o.notVoterNames.map(([name, v]) => `${name} ${v}`).join('、')}${named < o.notVoter ? ' 等' : ''})`;
}

/** What an office's column counted; a figure of 0 has nothing to say and is left out. */
function officeCountLine(o: CountResult['offices'][number]): string {
  const parts = [`计入选票 ${o.counted} 张${o.overvoted > 0 ? ` (本栏超额作废 ${o.overvoted} 张)` : ''}`];
  if (o.removed > 0) parts.push(`只计高职务去掉 ${o.removed} 票`);
  if (o.notVoter > 0) parts.push(`另选非选民 ${o.notVoter} 票${notVoterWho(o)}`);
  return `  ${parts.join('; ')}`;
}

/** The last line, what the counter sees without scrolling. */
function conclusion(r: CountResult, c: ChalkInstance, pending: number): string {
  if (!r.validity.valid) return c.red.bold(`结论: 选举无效 (${invalidReasons(r)}), 无人当选。`);
  const seats = r.election.offices.reduce((a, o) => a + o.seats, 0);
  const parts = [`选举有效, 当选 ${r.elected.length}/${seats} 名`];
  if (r.provisional) parts.push(`疑难选票 ${pending} 张待认定, 结果暂定`);
  const revote = r.revote.reduce((a, x) => a + x.seats, 0);
  const runoff = r.runoff.reduce((a, x) => a + x.seats, 0);
  const vacant = r.vacant.reduce((a, x) => a + x.seats, 0);
  if (revote > 0) parts.push(`${revote} 名须再次投票`);
  if (runoff > 0) parts.push(`${runoff} 名须另行选举`);
  if (vacant > 0) parts.push(`空缺 ${vacant} 名`);
  if (isFinal(r)) return c.green.bold(`结论: ${parts.join('; ')}。计票结果为最终结果。`);
  return c.yellow.bold(`结论: ${parts.join('; ')}。`);
}
