/**
 * The sheets as an official prints them: every sheet of the PRINTED fixtures, printed to A4 PDF by headless
 * Chromium (Debian's, via playwright-core) and read back with poppler. Checked per printed page:
 * - no raw code (`[A-Z_]{4,}`), no half-width colon or comma between Chinese characters;
 * - the title and the line above it whole on one line of the sheet's first page (no broken title);
 * - `第 n 页 共 m 页` on every page;
 * - the signature block / seal shares its page with figures (never a page of signatures alone);
 * - an election of up to ~12 people: every sheet one page; 全部文书 = the sum of the sheets printed alone;
 * - board notices in poster type (title ≥ 22 pt, body ≥ 16 pt), read from the laid-out page.
 * Slow (a CJK font is embedded in every PDF), so the sheets are printed once per fixture as 全部文书 and cut
 * into sheets by their titles; the sheets printed alone are compared with it for the multi-page fixture.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../cli/fake-io.js';
import { HAVE_PRINT_TOOLS, type PrintedBundle, launch, pageCount, printBundle, printPdf, squeeze } from './print.js';
import { ONE_PAGE, PRINTED } from './printed-fixtures.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-printed-'));
const HAN = '[\\u3400-\\u9fff]';
const HALF_BETWEEN_HAN = new RegExp(`${HAN}\\s*[,:]\\s*${HAN}`, 'u');
const FIGURES = /\d+\s*(张|票|人|名)/u;

async function report(fixture: string): Promise<string> {
  const dir = path.join(tmp, fixture);
  const io = fakeIo(root);
  expect(await main(['report', `fixtures/${fixture}/ballots.csv`, '--out', dir], io)).toBe(0);
  return dir;
}

function checkPages(b: PrintedBundle): void {
  const total = b.pages.length;
  b.pages.forEach((text, i) => {
    const where = `page ${i + 1}`;
    expect(text, where).not.toMatch(/[A-Z_]{4,}/u);
    expect(text.match(HALF_BETWEEN_HAN)?.[0], where).toBeUndefined();
    expect(squeeze(text), where).toContain(`第${i + 1}页共${total}页`);
  });
  b.sheets.forEach((sheet, k) => {
    const r = b.ranges[k] as { start: number; count: number };
    const first = (b.pages[r.start] ?? '').split('\n').map(squeeze);
    const t = b.titles[k] as { over: string | undefined; text: string };
    expect(first, `${sheet}: title on one line`).toContain(t.text);
    if (t.over !== undefined) expect(first, `${sheet}: the line above the title on one line`).toContain(squeeze(t.over));
    // The page with the signatures or the seal also carries figures (not the date and page number alone).
    const last = (b.pages[r.start + r.count - 1] ?? '')
      .replace(/\d{4}年\d{1,2}月\d{1,2}日/gu, '')
      .replace(/第\s*\d+\s*页\s*共\s*\d+\s*页/gu, '');
    expect(last, `${sheet}: signatures or seal on its last page`).toMatch(/签名|盖章/u);
    expect(last, `${sheet}: figures beside the signatures`).toMatch(FIGURES);
  });
}

describe.skipIf(!HAVE_PRINT_TOOLS)('sheets printed on A4 by Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it.each([...PRINTED])(
    '%s: no code, formal punctuation, whole titles, numbered pages, signatures with figures',
    async (fixture) => {
      const dir = await report(fixture);
      const b = await printBundle(browser, dir);
      checkPages(b);
      if (ONE_PAGE.includes(fixture)) for (const [k, r] of b.ranges.entries()) expect(r.count, b.sheets[k]).toBe(1);
    },
    600_000,
  );

  it('a count from a tally sheet (report --tallies, issue 16): the same checks, the tally line on the one-page 报告单', async () => {
    const dir = path.join(tmp, 'tallies-demo');
    expect(await main(['report', '--tallies', 'fixtures/tallies-demo/计票统计表.csv', '--out', dir], fakeIo(root))).toBe(0);
    const b = await printBundle(browser, dir);
    checkPages(b);
    expect(b.ranges.map((r) => r.count)).toEqual([1, 1, 1]);
    expect(squeeze(b.pages[0] ?? '')).toContain('中心会场、流动票箱按计票统计表（手工唱票，各票箱合计数）计入。');
  }, 600_000);

  it('40 write-ins: long sheets run over pages, and 全部文书 has exactly the pages of its sheets printed alone', async () => {
    const dir = await report('sheets-writeins');
    const b = await printBundle(browser, dir);
    expect(b.ranges[0]?.count, '选举结果报告单').toBeGreaterThan(1);
    expect(b.ranges[1]?.count, '选举结果公告').toBeGreaterThan(1);
    const alone: number[] = [];
    for (const s of b.sheets) {
      const pdf = path.join(dir, `${s}.pdf`);
      await printPdf(browser, path.join(dir, `${s}.html`), pdf);
      alone.push(pageCount(pdf));
    }
    expect(alone).toEqual(b.ranges.map((r) => r.count));
    expect(b.pages.length).toBe(alone.reduce((x, y) => x + y, 0));
  }, 600_000);

  it('board notices are set in poster type: title ≥ 22 pt, body ≥ 16 pt; forms no smaller than 10 pt', async () => {
    const dir = await report('demo');
    const page = await browser.newPage();
    try {
      await page.goto(`file://${path.join(dir, '全部文书.html')}`);
      await page.emulateMedia({ media: 'print' });
      // Evaluated in the page (a string: the test's TypeScript has no DOM types).
      const sizes = (await page.evaluate(`[...document.querySelectorAll('section')].map((s) => ({
        board: s.classList.contains('board'),
        title: Math.min(...[...s.querySelectorAll('h1, .over')].map((e) => parseFloat(getComputedStyle(e).fontSize))),
        body: Math.min(...[...s.querySelectorAll('p:not(.over), td, th')].map((e) => parseFloat(getComputedStyle(e).fontSize))),
      }))`)) as { board: boolean; title: number; body: number }[];
      const pt = (px: number): number => Math.round((px * 72 * 100) / 96) / 100; // CSS px → pt, to 0.01 pt
      expect(sizes.filter((s) => s.board)).toHaveLength(2);
      for (const s of sizes) {
        expect(pt(s.title)).toBeGreaterThanOrEqual(s.board ? 22 : 16);
        expect(pt(s.body)).toBeGreaterThanOrEqual(s.board ? 16 : 10);
      }
    } finally {
      await page.close();
    }
  }, 120_000);
});
