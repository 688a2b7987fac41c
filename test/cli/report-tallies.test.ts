/**
 * `jipiao report --tallies` (issue 16): the sheets of a count from a tally sheet — the same figures as the
 * sheets of the demo's ballots, plus a line naming the tally boxes and what a tally sheet cannot give for
 * the sheet (in the vocabulary's words); disputed ballots a tally only counts are named on the 疑难选票认定表.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TD = path.join(root, 'fixtures/tallies-demo');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-report-tallies-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], cwd = tmp): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}
const sheet = (dir: string, name: string): string => readFileSync(path.join(dir, `${name}.txt`), 'utf8');
/** A sheet's text as one line (the text sheets wrap at the page width). */
const flat = (s: string): string => s.replace(/\n/gu, '');

describe('jipiao report --tallies', () => {
  it('the demo from its tally sheet: the demo sheets, with the tally line on the 选举结果报告单', async () => {
    const out = path.join(tmp, 'demo');
    const r = await run(['report', '--tallies', path.join(TD, '计票统计表.csv'), '--out', out]);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^已生成 3 份文书 \(选举结果报告单、选举结果公告、当选公告\):/u);
    const ballots = path.join(tmp, 'demo-ballots');
    expect((await run(['report', 'fixtures/demo/ballots.csv', '--out', ballots], root)).code).toBe(0);
    const note =
      '中心会场、流动票箱按计票统计表（手工唱票，各票箱合计数）计入。计票统计表无法提供、本表不作推算的内容：只计高职务去掉的票数（唱票统计中不含这些票箱）：中心会场、流动票箱。';
    const report = sheet(out, '选举结果报告单');
    expect(flat(report)).toContain(note);
    // Without that paragraph, the 报告单 is the one of the demo's ballots, figure for figure.
    const [before, after] = [report.indexOf('\n\n中心会场、流动票箱按'), report.indexOf('\n选举有效性：')];
    expect(before).toBeGreaterThan(0);
    expect(report.slice(0, before + 1) + report.slice(after)).toBe(sheet(ballots, '选举结果报告单'));
    for (const s of ['选举结果公告', '当选公告']) expect(sheet(out, s), s).toBe(sheet(ballots, s));
    expect(readdirSync(out)).not.toContain('疑难选票认定表.txt'); // the tally's 疑难 is 0 (000210 ruled)
  });

  it('a tally with disputed ballots and without 反对/弃权 or 弃权票: each sheet says what it lacks', async () => {
    const d = path.join(tmp, 'gaps');
    mkdirSync(d);
    for (const f of ['election.json', 'voters.csv']) copyFileSync(path.join(TD, f), path.join(d, f));
    const rows = readFileSync(path.join(TD, '计票统计表.csv'), 'utf8').trimEnd().split('\n');
    const edited = rows.map((l) => {
      if (!l.startsWith('中心会场,')) return l;
      if (l === '中心会场,选票,有效,201,,') return '中心会场,选票,有效,200,,';
      if (l === '中心会场,选票,疑难,0,,') return '中心会场,选票,疑难,1,,';
      if (l === '中心会场,选票,弃权票,2,,') return '中心会场,选票,弃权票,,,';
      return l.replace(/,\d*,\d*$/u, ',,'); // 反对/弃权 not copied from the blackboard
    });
    writeFileSync(path.join(d, '计票统计表.csv'), `${edited.join('\n')}\n`);
    const r = await run(['report', '--tallies', 'gaps/计票统计表.csv']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('疑难选票认定表');
    const out = path.join(d, 'report');
    const report = flat(sheet(out, '选举结果报告单'));
    expect(report).toContain('计票统计表无法提供、本表不作推算的内容：');
    for (const gap of [
      '疑难选票清单（票号和疑难情形；只计张数，认定后请改填计票统计表）：中心会场',
      '弃权票张数（未填，按0计）：中心会场',
      '委员的反对、弃权（未填；唱票统计中不含这些票箱的反对、弃权和超额作废张数）：中心会场',
    ]) {
      expect(report.replace(/ /gu, '')).toContain(gap);
    }
    expect(report).not.toContain('逐票记录'); // the ballot log is on no sheet
    const disputes = flat(sheet(out, '疑难选票认定表'));
    expect(disputes).toContain(
      '其中 1 张疑难选票在按计票统计表计入的票箱（中心会场）：计票统计表只计张数，没有票号和疑难情形；表中为其留出空行，请对照原选票逐张填写、认定后改填计票统计表。',
    );
    // One blank row per such ballot (编号 and 票箱 given) to fill in by hand, counted as not yet ruled.
    expect(sheet(out, '疑难选票认定表')).toMatch(/\n1 +中心会场\n/u);
    expect(disputes).toContain('疑难选票共 1 张，已认定 0 张，待认定 1 张。');
    expect(readFileSync(path.join(out, '疑难选票认定表.html'), 'utf8')).toContain('其中 1 张疑难选票');
  });

  it('neither ballots nor --tallies: one line, exit 2', async () => {
    const r = await run(['report']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('错误 [USAGE_NO_BALLOTS] 请至少给出一个选票文件 (CSV) 或计票统计表 (--tallies)\n');
  });
});
