/**
 * `jipiao report` tested like a user: golden text and HTML of every sheet for a complete result
 * (fixtures/demo) and one with disputes, a revote and a runoff (fixtures/sheets-pending); text within
 * 80 columns; every value escaped; and the HTML rendered by headless Chromium to an A4 PDF in which
 * every sheet starts a page and the Chinese text is set in an embedded Noto CJK font.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeHtml, sheetsHtml } from '../../../src/adapters/report/html.js';
import { type SheetId, chineseDate } from '../../../src/adapters/report/sheets.js';
import { NO_LINE_END, NO_LINE_START } from '../../../src/adapters/report/typography.js';
import { width } from '../../../src/adapters/report/width.js';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../cli/fake-io.js';
import { squeeze } from './print.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const update = process.env['UPDATE_GOLDEN'] === '1';

async function report(fixture: string): Promise<{ dir: string; out: string }> {
  const dir = path.join(tmp, fixture);
  const io = fakeIo(root);
  const code = await main(['report', `fixtures/${fixture}/ballots.csv`, '--out', dir], io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  return { dir, out: io.out() };
}

describe.each([
  ['demo', ['选举结果报告单', '选举结果公告', '当选公告', '疑难选票认定表']],
  ['sheets-pending', ['选举结果报告单', '选举结果公告', '疑难选票认定表']],
  ['sheets-low-turnout', ['选举结果报告单', '选举无效公告']],
  ['sheets-runoff', ['选举结果报告单', '选举结果公告', '当选公告']],
  ['sheets-revote', ['选举结果报告单', '选举结果公告', '当选公告']],
  ['sheets-separate', ['选举结果报告单', '选举结果公告', '当选公告', '另行选举公告']],
  ['sheets-minority', ['选举结果报告单', '选举结果公告', '当选公告']],
  ['sheets-writeins', ['选举结果报告单', '选举结果公告', '当选公告']],
])('report fixtures/%s', (fixture, sheets) => {
  it('writes the expected sheets, matching the goldens byte for byte', async () => {
    const { dir } = await report(fixture);
    const files = readdirSync(dir).sort();
    expect(files).toEqual([...sheets.flatMap((s) => [`${s}.html`, `${s}.txt`]), '全部文书.html', '全部文书.txt'].sort());
    for (const f of files) {
      const golden = path.join(root, 'fixtures', fixture, 'expected', 'sheets', f);
      const actual = readFileSync(path.join(dir, f), 'utf8');
      if (update || !existsSync(golden)) {
        mkdirSync(path.dirname(golden), { recursive: true });
        writeFileSync(golden, actual);
      } else expect(actual, f).toBe(readFileSync(golden, 'utf8'));
    }
  });
  it('text sheets fit 80 display columns (CJK counted as 2) and keep the line-breaking rules (禁则)', async () => {
    const { dir } = await report(fixture);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
      for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        expect(width(line.replace('\f', '')), `${f}: ${line}`).toBeLessThanOrEqual(80);
        // 禁则: no line (nor a wrapped cell) starts with closing punctuation or ends with an opening bracket.
        for (const cell of line
          .trim()
          .split(/\s+/u)
          .filter((c) => c !== '—')) {
          expect(NO_LINE_START.has(cell[0] ?? ''), `${f}: ${line}`).toBe(false);
          expect(NO_LINE_END.has(cell[cell.length - 1] ?? ''), `${f}: ${line}`).toBe(false);
        }
      }
    }
  });
  it('HTML has no scripts and A4 page CSS', async () => {
    const { dir } = await report(fixture);
    const html = readFileSync(path.join(dir, '全部文书.html'), 'utf8');
    expect(html).not.toMatch(/<script/iu);
    expect(html).toContain('@page { size: A4;');
    expect(html.match(/<section class="sheet (form|board)/gu)).toHaveLength(sheets.length);
  });
});

describe('sheet contents', () => {
  it('the announcement lists the elected by office in 姓氏笔画 order', async () => {
    const { dir } = await report('demo');
    const t = readFileSync(path.join(dir, '当选公告.txt'), 'utf8');
    expect(t).toContain('委员：孙丽（240 票）、吴敏（180 票）、周强（207 票）'); // 孙 6 strokes, 吴 7, 周 8
    expect(t).toContain('同一职务以姓氏笔画为序');
    expect(t).toContain('特此公告。');
  });
  it('the pending report is marked 暂定 and names the revote and the runoff; no 当选公告 while the seats are at stake', async () => {
    const { dir, out } = await report('sheets-pending');
    const t = squeeze(readFileSync(path.join(dir, '选举结果报告单.txt'), 'utf8'));
    expect(t).toContain('【暂定】尚有1张疑难选票');
    expect(t).toContain('主任1名得票相等，须就张三、李四再次投票');
    expect(t).toContain('委员1名须另行选举，候选人孙八、周九');
    expect(existsSync(path.join(dir, '当选公告.txt'))).toBe(false);
    expect(existsSync(path.join(dir, '另行选举公告.txt'))).toBe(false);
    expect(out).toContain('未生成当选公告: 尚有 1 张疑难选票待认定，可能改变主任、委员的当选结果，副主任的结果随之待定');
    expect(out).toContain('主任、委员的再次投票/另行选举公告须待疑难选票认定后再生成');
  });
  it('the 当选公告 announces only the offices pending disputed ballots cannot change, and says so', async () => {
    const { dir, out } = await report('margin-at-stake');
    const t = squeeze(readFileSync(path.join(dir, '当选公告.txt'), 'utf8'));
    expect(t).toContain('主任：张三（6票）');
    expect(t).not.toContain('王五');
    expect(t).toContain('本公告仅公布主任的当选结果；尚有1张疑难选票待认定，可能改变委员的当选结果，须待选举领导小组认定后另行公告。');
    expect(t).toContain('疑难选票1张，合计10张');
    expect(squeeze(readFileSync(path.join(dir, '选举结果报告单.txt'), 'utf8'))).toContain('委员（暂定）王五（7票）、赵六（6票）');
    expect(out).toContain('当选公告只列出结果已确定的职务: 尚有 1 张疑难选票待认定，可能改变委员的当选结果');
  });
  it('an invalid election gets its notice: the reason in words with its article, and what must follow — never a code', async () => {
    const { dir } = await report('sheets-low-turnout');
    const t = squeeze(readFileSync(path.join(dir, '选举无效公告.txt'), 'utf8'));
    expect(t).toContain(
      squeeze(
        '参加投票人数不足：参加投票 8 人未超过登记选民 16 人的半数（第三十八条），依照规程第三十八条、11.选举有效性确认（3），选举无效',
      ),
    );
    expect(t).toContain('应组织重新选举');
    expect(readFileSync(path.join(dir, '全部文书.txt'), 'utf8')).not.toMatch(/[A-Z_]{4,}/u);
  });
  it('the 选举结果公告 lists every candidate and write-in by votes, ties and the elected marked, figures adding up', async () => {
    const { dir } = await report('sheets-writeins');
    const t = readFileSync(path.join(dir, '选举结果公告.txt'), 'utf8');
    const rows = t.split('\n').filter((l) => /^\s*\d+\s+\S+\s+\d+/u.test(l));
    expect(rows).toHaveLength(9 + 40);
    expect(rows[0]).toMatch(/^\s*1\s+陈红\s+40\s+委员 40\s+当选委员$/u);
    expect(rows.filter((l) => l.includes('另选'))).toHaveLength(40);
    expect(rows.filter((l) => /^\s*9\s/u.test(l))).toHaveLength(40); // the 40 write-ins share rank 9 (王秀兰 and 周敏 share 7)
    expect(squeeze(t)).toContain(
      squeeze('收回的 60 张选票中，有效票 60 张（含弃权票 0 张）、部分有效票 0 张、无效票 0 张、疑难选票 0 张，合计 60 张。'),
    );
  });
  it('every value is HTML-escaped', () => {
    expect(escapeHtml(`<script>alert("x")</script> & '`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;');
    const html = sheetsHtml('<b>t</b>', [
      { id: 'x"y' as SheetId, style: 'form', blocks: [{ kind: 'para', text: '<img src=x onerror=alert(1)>' }] },
    ]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>t</b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('dates are written the Chinese way', () => {
    expect(chineseDate('2026-02-05')).toBe('2026年2月5日');
  });
});

describe('the report folder', () => {
  it('a re-run removes sheets that no longer apply (no stale 当选公告 after the election became invalid)', async () => {
    const dir = path.join(tmp, 'stale');
    const src = path.join(tmp, 'stale-src');
    mkdirSync(src, { recursive: true });
    for (const f of readdirSync(path.join(root, 'fixtures', 'demo')).filter((n) => n.includes('.'))) {
      writeFileSync(path.join(src, f), readFileSync(path.join(root, 'fixtures', 'demo', f)));
    }
    const first = fakeIo(root);
    expect(await main(['report', path.join(src, 'ballots.csv'), '--out', dir], first)).toBe(0);
    expect(existsSync(path.join(dir, '当选公告.txt'))).toBe(true);
    writeFileSync(path.join(dir, '说明.txt'), '不是本工具写的文件');
    // Only the first three ballots are left: too few voted, the election is invalid (参选人数未过半).
    const ballots = readFileSync(path.join(src, 'ballots.csv'), 'utf8').split('\n');
    writeFileSync(path.join(src, 'ballots.csv'), `${ballots.slice(0, 4).join('\n')}\n`);
    rmSync(path.join(src, 'rulings.csv'), { force: true });
    const again = fakeIo(root);
    expect(await main(['report', path.join(src, 'ballots.csv'), '--out', dir], again)).toBe(0);
    expect(again.out()).toContain('已删除上次生成、现已不适用的文书: 选举结果公告.txt、选举结果公告.html、当选公告.txt、当选公告.html');
    expect(existsSync(path.join(dir, '当选公告.txt'))).toBe(false);
    expect(existsSync(path.join(dir, '当选公告.html'))).toBe(false);
    expect(readFileSync(path.join(dir, '全部文书.txt'), 'utf8')).not.toContain('当选公告');
    expect(existsSync(path.join(dir, '说明.txt'))).toBe(true);
  });
  it('an output folder that cannot be written is a usage error (exit 2), not an internal one', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, '');
    const io = fakeIo(root);
    expect(await main(['report', 'fixtures/demo/ballots.csv', '--out', file], io)).toBe(2);
    expect(io.err()).toContain('[REPORT_NOT_WRITTEN]');
    expect(io.err()).toContain('同名文件已存在, 不是文件夹');
    expect(io.err().trim().split('\n')).toHaveLength(1);
  });
});
