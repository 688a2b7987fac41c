/**
 * `jipiao report` tested like a user: golden text and HTML of every sheet for a complete result
 * (fixtures/demo) and one with disputes, a revote and a runoff (fixtures/sheets-pending); text within
 * 80 columns; every value escaped; and the HTML rendered by headless Chromium to an A4 PDF in which
 * every sheet starts a page and the Chinese text is set in an embedded Noto CJK font.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeHtml, sheetsHtml } from '../../src/adapters/report/html.js';
import { type SheetId, chineseDate } from '../../src/adapters/report/sheets.js';
import { width } from '../../src/adapters/report/width.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../cli/fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
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
  ['demo', ['选举结果报告单', '当选公告', '疑难选票认定表']],
  ['sheets-pending', ['选举结果报告单', '当选公告', '疑难选票认定表', '另行选举公告']],
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
  it('text sheets fit 80 display columns (CJK counted as 2)', async () => {
    const { dir } = await report(fixture);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
      for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) expect(width(line.replace('\f', '')), `${f}: ${line}`).toBeLessThanOrEqual(80);
    }
  });
  it('HTML has no scripts and A4 page CSS', async () => {
    const { dir } = await report(fixture);
    const html = readFileSync(path.join(dir, '全部文书.html'), 'utf8');
    expect(html).not.toMatch(/<script/iu);
    expect(html).toContain('@page { size: A4;');
    expect(html.match(/<section class="sheet"/gu)).toHaveLength(sheets.length);
  });
});

describe('sheet contents', () => {
  it('the announcement lists the elected by office in 姓氏笔画 order', async () => {
    const { dir } = await report('demo');
    const t = readFileSync(path.join(dir, '当选公告.txt'), 'utf8');
    expect(t).toContain('委员: 孙丽  吴敏  周强'); // 孙 6 strokes, 吴 7, 周 8
    expect(t).toContain('现予公告。');
  });
  it('the pending report is marked 暂定 and names the revote and the runoff', async () => {
    const { dir } = await report('sheets-pending');
    const t = readFileSync(path.join(dir, '选举结果报告单.txt'), 'utf8');
    expect(t).toContain('【暂定】尚有 1 张疑难选票');
    const n = readFileSync(path.join(dir, '另行选举公告.txt'), 'utf8').replace(/\n/gu, '');
    expect(n).toContain('就得票相等的人员再次投票');
    expect(n).toContain('孙八、周九');
  });
  it('every value is HTML-escaped', () => {
    expect(escapeHtml(`<script>alert("x")</script> & '`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;');
    const html = sheetsHtml('<b>t</b>', [{ id: 'x"y' as SheetId, blocks: [{ kind: 'para', text: '<img src=x onerror=alert(1)>' }] }]);
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
    expect(again.out()).toContain('已删除上次生成、现已不适用的文书: 当选公告.txt、当选公告.html');
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

describe('rendered in headless Chromium', () => {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? 'chromium';
  const pdf = (html: string, out: string): Buffer => {
    execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${out}`, `file://${html}`], { stdio: 'ignore', timeout: 60_000 });
    return readFileSync(out);
  };
  const pages = (b: Buffer): string[] => b.toString('latin1').match(/\/MediaBox \[[^\]]*\]/gu) ?? [];

  it('is A4, every sheet starts a page, and Chinese is set in an embedded Noto CJK font', async () => {
    const { dir } = await report('sheets-pending');
    const all = pdf(path.join(dir, '全部文书.html'), path.join(dir, 'all.pdf'));
    const boxes = pages(all);
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    for (const box of boxes) {
      const [, , w, h] = (box.match(/[\d.]+/gu) ?? []).map(Number);
      expect(Math.abs((w ?? 0) - 595.28)).toBeLessThan(1.5); // A4 = 210 × 297 mm = 595.28 × 841.89 pt
      expect(Math.abs((h ?? 0) - 841.89)).toBeLessThan(1.5);
    }
    // Each sheet starts a page: the combined document has exactly as many pages as the sheets printed alone.
    const alone = ['选举结果报告单', '当选公告', '疑难选票认定表', '另行选举公告'].map((s) => pages(pdf(path.join(dir, `${s}.html`), path.join(dir, `${s}.pdf`))).length);
    expect(boxes.length).toBe(alone.reduce((a, b) => a + b, 0));
    // Glyphs come from an embedded Noto CJK font (no fallback boxes): the fonts Chromium embedded.
    const fonts = [...all.toString('latin1').matchAll(/\/FontName \/[A-Z]{6}\+([A-Za-z0-9-]+)/gu)].map((m) => m[1]);
    expect(fonts.some((f) => /^Noto(Serif|Sans)CJK/u.test(f ?? ''))).toBe(true);
  });
});
