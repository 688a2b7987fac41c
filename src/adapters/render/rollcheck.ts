/**
 * Output of `jipiao roll check` (SPEC §6): terminal text (one Chinese line per problem, homonym list,
 * summary table via cli-table3), deterministic JSON, and CSV (csv-stringify, formula-escaped cells).
 */
import { showControlsDeep } from './safe-result.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { type InputFile, TOOL } from '../../core/audit.js';
import { BOM, escapeCsvCell } from './csv.js';
import {
  type HomonymGroup,
  ROLL_CHECKS,
  ROLL_CHECK_LABEL,
  type RollCheck,
  type RollCheckCode,
  type RollProblem,
} from '../../core/rollcheck.js';

export const ROLLCHECK_SCHEMA = 'jipiao.rollcheck/1';

export interface RollCheckRenderOptions {
  /** The roll file as shown to the user. */
  readonly rollFile: string;
  /** election.json as shown, when one was used. */
  readonly electionFile?: string | undefined;
  readonly electionTitle?: string | undefined;
  readonly color?: boolean | undefined;
  /** Files read, with their SHA-256 (JSON only). */
  readonly inputs?: readonly InputFile[] | undefined;
}

function label(code: RollCheckCode, maxProxies: number): string {
  return code === 'PROXY_OVER_LIMIT' ? `接受委托超过 ${maxProxies} 人` : ROLL_CHECK_LABEL[code];
}

/** Where a problem is: `第 3 行 (选民证号 YL0003, 王芳)` or `election.json 键 offices[1].candidates[0]`. */
export function problemPlace(p: RollProblem, o: Pick<RollCheckRenderOptions, 'electionFile'>): string {
  if (p.line === undefined) return [o.electionFile ?? 'election.json', ...(p.key !== undefined ? [`键 ${p.key}`] : [])].join(' ');
  const who = [...(p.voterId !== undefined ? [`选民证号 ${p.voterId}`] : []), ...(p.name !== undefined ? [p.name] : [])];
  return who.length > 0 ? `第 ${p.line} 行 (${who.join(', ')})` : `第 ${p.line} 行`;
}

/** One line per problem, without a trailing newline. */
export function problemLine(p: RollProblem, maxProxies: number, o: Pick<RollCheckRenderOptions, 'electionFile'>): string {
  return `${problemPlace(p, o)} ${label(p.code, maxProxies)}: ${p.message}`;
}

function memberNote(h: HomonymGroup, m: HomonymGroup['members'][number]): string {
  if (m.writeAs !== undefined) return `另选写作「${m.writeAs}」`;
  if (h.candidate) return '与候选人同名';
  return '无法用「姓名(居民小组)」区分';
}

function memberLine(h: HomonymGroup, m: HomonymGroup['members'][number]): string {
  const parts = [
    `第 ${m.line} 行`,
    m.voterId !== undefined ? `选民证号 ${m.voterId}` : '无选民证号',
    m.group ?? '未填居民小组',
    memberNote(h, m),
  ];
  return parts.join(', ');
}

export function renderRollCheckTable(unsafeCheck: RollCheck, unsafeOpts: RollCheckRenderOptions): string {
  // Names and file names never reach the terminal raw (issue 13).
  const check = showControlsDeep(unsafeCheck);
  const o = showControlsDeep(unsafeOpts);
  const c = new Chalk({ level: o.color === true ? 1 : 0 });
  const s = check.summary;
  const out: string[] = [];
  out.push(c.bold('选民名单检查'));
  out.push(`选民名单: ${o.rollFile} (共 ${s.entries} 人)`);
  if (o.electionFile !== undefined) out.push(`选举设置: ${o.electionFile}${o.electionTitle !== undefined ? ` (${o.electionTitle})` : ''}`);
  else out.push('选举设置: 未提供 election.json, 不检查候选人和登记人数');
  out.push(
    s.electionDate !== null
      ? `选举日期: ${s.electionDate} (按此日计算是否年满十八周岁)`
      : '选举日期: 未知, 不检查年龄 (请用 --election 或 --date 给出)',
  );
  out.push(`委托限额: 每位选民接受委托不超过 ${s.maxProxies} 人 (规程 第三十条); 名单中委托投票 ${s.proxies} 人`);
  out.push('');

  if (check.problems.length === 0) out.push(c.green('未发现问题。'));
  else {
    out.push(c.red.bold(`发现 ${check.problems.length} 个问题:`));
    for (const p of check.problems) out.push(`  ${problemLine(p, s.maxProxies, o)}`);
  }
  out.push('');

  if (check.homonyms.length > 0) {
    out.push(c.bold(`同名选民 ${check.homonyms.length} 组 (另选票上须写作「姓名(居民小组)」以区分; 仅列出, 不算问题):`));
    for (const h of check.homonyms) {
      const notes: string[] = [];
      if (h.ambiguous) notes.push(c.yellow('其中有人无法区分, 见上面的问题'));
      if (h.candidate) notes.push('与候选人同名: 另选票上写此姓名 (带不带居民小组) 都计为候选人的票, 不能另选同名的其他选民');
      out.push(`  ${h.name} (${h.members.length} 人)${notes.length > 0 ? `: ${notes.join('; ')}` : ''}`);
      for (const m of h.members) out.push(`    ${memberLine(h, m)}`);
    }
    out.push('');
  }

  const color = o.color === true;
  const table = new Table({
    head: ['检查项目', '问题数'],
    colAligns: ['left', 'right'],
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [], compact: true, 'padding-left': 1, 'padding-right': 1 },
  });
  for (const code of ROLL_CHECKS) {
    const n = s.counts[code];
    table.push([label(code, s.maxProxies), s.skipped.includes(code) ? '未检查' : n > 0 ? c.red(String(n)) : '0']);
  }
  table.push([c.bold('问题合计'), c.bold(String(s.problems))]);
  table.push(['同名 (仅列出)', `${s.homonymGroups} 组`]);
  if (s.electionDate !== null) table.push(['无出生日期和有效身份证号, 未核对年龄', `${s.ageUnchecked} 人`]);
  out.push(table.toString());
  out.push('');
  out.push(s.problems > 0 ? c.red(`结论: 选民名单有 ${s.problems} 个问题, 请核实更正后重新检查。`) : c.green('结论: 选民名单未发现问题。'));
  return `${out.join('\n')}\n`;
}

export function renderRollCheckJson(check: RollCheck, o: RollCheckRenderOptions): string {
  const s = check.summary;
  const doc = {
    schema: ROLLCHECK_SCHEMA,
    tool: TOOL,
    inputs: (o.inputs ?? []).map((f) => ({ role: f.role, file: f.file, sha256: f.sha256 })),
    rollFile: o.rollFile,
    electionFile: o.electionFile ?? null,
    electionDate: s.electionDate,
    maxProxies: s.maxProxies,
    ok: s.problems === 0,
    summary: {
      entries: s.entries,
      problems: s.problems,
      homonymGroups: s.homonymGroups,
      proxies: s.proxies,
      ageUnchecked: s.ageUnchecked,
      counts: Object.fromEntries(ROLL_CHECKS.map((k) => [k, s.counts[k]])),
      skipped: [...s.skipped],
    },
    problems: check.problems.map((p) => ({
      code: p.code,
      label: label(p.code, s.maxProxies),
      line: p.line ?? null,
      voterId: p.voterId ?? null,
      name: p.name ?? null,
      key: p.key ?? null,
      related: [...p.related],
      message: p.message,
      text: problemLine(p, s.maxProxies, o),
    })),
    homonyms: check.homonyms.map((h) => ({
      name: h.name,
      ambiguous: h.ambiguous,
      candidate: h.candidate,
      members: h.members.map((m) => ({ line: m.line, voterId: m.voterId ?? null, group: m.group ?? null, writeAs: m.writeAs ?? null })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export const ROLLCHECK_CSV_HEADER = ['类别', '代码', '项目', '行', '选民证号', '姓名', '居民小组', '相关行', '说明'] as const;

/** One row per problem (类别 问题) and one per homonym member (类别 同名). */
export function renderRollCheckCsv(check: RollCheck, o: RollCheckRenderOptions): string {
  const s = check.summary;
  const rows: string[][] = [[...ROLLCHECK_CSV_HEADER]];
  for (const p of check.problems) {
    const where = p.line === undefined ? problemPlace(p, o) : String(p.line);
    rows.push(['问题', p.code, label(p.code, s.maxProxies), where, p.voterId ?? '', p.name ?? '', '', p.related.join(' '), p.message]);
  }
  for (const h of check.homonyms) {
    for (const m of h.members) {
      const others = h.members.filter((x) => x !== m).map((x) => x.line);
      const note = memberNote(h, m);
      rows.push(['同名', 'HOMONYM', '同名', String(m.line), m.voterId ?? '', h.name, m.group ?? '', others.join(' '), note]);
    }
  }
  return (
    BOM +
    stringify(
      rows.map((r) => r.map(escapeCsvCell)),
      { record_delimiter: 'unix' },
    )
  );
}
