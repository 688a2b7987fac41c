/**
 * `jipiao live` driven in headless Chromium (issue 19 "Done when"): the demo election's 318 ballots
 * typed by keyboard alone (write-ins through IME composition), a kill -9 after ballot 150 and a
 * restart, 撤销上一张 and an edit on the way; the final result is byte for byte what `jipiao count`
 * says of the journal, and equals the count of fixtures/demo/ballots.csv. Board latency after each
 * save is measured (printed, not asserted: no timed tests). Two entry stations with one planted
 * mismatch: flagged on both pages.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CsvBallot,
  type Running,
  bin,
  browser,
  demoFolder,
  root,
  saveBallot,
  setBox,
  editBallot,
  startLive,
  stopLive,
  strokesOf,
  typeBallot,
  waitText,
  waitVersion,
} from './harness.js';

const demoCsv = readFileSync(path.join(root, 'fixtures/demo/ballots.csv'), 'utf8');
const rows = parse(demoCsv) as string[][];
const header = rows[0] ?? [];
const OFFICES = ['主任', '副主任', '委员'];
const ballots: CsvBallot[] = rows.slice(1).map((r) => strokesOf(header, r, OFFICES));
const shots = process.env['JIPIAO_SCREENSHOTS'];

function jipiao(args: readonly string[], cwd: string): string {
  return execFileSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function url(base: string, params: Record<string, string>): string {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

async function openPages(ctx: BrowserContext, live: Running, box: string): Promise<{ entry: Page; board: Page }> {
  const board = await ctx.newPage();
  await board.goto(live.board);
  const entry = await ctx.newPage();
  await entry.goto(url(live.entry, { station: '计票员甲', box }));
  await entry.waitForSelector('body[data-ready="1"]');
  await entry.waitForSelector('body[data-version]');
  return { entry, board };
}

interface Timing {
  readonly saves: { t: number; version: number; id: string; ticket: string }[];
  readonly seen: Record<string, number>;
}
async function timings(entry: Page, board: Page): Promise<Timing> {
  const saves = await entry.evaluate(() => (globalThis as unknown as { __saves: Timing['saves'] }).__saves);
  // Wait until the board has shown the last save, then read when it showed each one.
  const last = saves[saves.length - 1]?.version ?? 0;
  await waitVersion(board, last);
  const seen = await board.evaluate(() => (globalThis as unknown as { __seen: Record<string, number> }).__seen);
  return { saves, seen };
}

/** Per save: from Enter to the first board state that includes it (saves during a recount share one). */
function latencies(t: Timing): number[] {
  const seen = Object.entries(t.seen).map(([v, at]) => [Number(v), at] as const);
  return t.saves.map((s) => Math.min(...seen.filter(([v]) => v >= s.version).map(([, at]) => at)) - s.t);
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

describe('jipiao live in headless Chromium', () => {
  let ctx: BrowserContext;
  const running: Running[] = [];
  // Each test in a browser of its own: no page, connection or timer of an earlier test (its servers are
  // stopped or killed) is left in the browser the next test drives.
  beforeEach(async () => {
    ctx = await browser();
  }, 120_000);
  afterEach(async () => {
    for (const r of running.splice(0)) await stopLive(r);
    await ctx?.close();
  });

  it(
    'the demo election typed by keyboard, killed after ballot 150 and resumed, gives the count of its journal — the demo count',
    { timeout: 300_000 },
    async () => {
      const dir = demoFolder();
      const cwd = path.dirname(dir);
      const rel = path.basename(dir);
      let live = await startLive(dir, cwd);
      running.push(live);
      let { entry, board } = await openPages(ctx, live, '中心会场');
      let box = '中心会场';
      const lat: number[] = [];
      const keystrokes: number[] = [];
      let killedAt150 = false;
      for (const b of ballots) {
        if (b.box !== box) {
          await setBox(entry, b.box);
          box = b.box;
        }
        if (b.ticket === '000011') {
          // A slip: 郑伟 (key 8) typed by mistake and saved; 撤销上一张 (F8, y, Enter) and type again.
          await typeBallot(entry, b);
          await entry.keyboard.type('8');
          expect(await saveBallot(entry)).toBe('000011');
          await entry.keyboard.press('F8');
          await entry.keyboard.type('y');
          await entry.keyboard.press('Enter');
          await waitText(entry, 'next', '下一张 000011');
        }
        const n = await typeBallot(entry, b);
        if (b.ticket === '000020') await entry.keyboard.type('8'); // a slip, found later and edited (below)
        keystrokes.push(n + 1);
        if (b.ticket === '000012' && shots) {
          await entry.waitForSelector('#preview[data-class="valid"]');
          await entry.screenshot({ path: path.join(shots, 'entry.png') });
        }
        expect(await saveBallot(entry)).toBe(b.ticket);
        if (b.ticket === '000025') {
          // 修改一张 (F9): ballot 000020 had 郑伟 typed by mistake.
          await editBallot(entry, '20', '8');
        }
        if (b.ticket === '000150' && !killedAt150) {
          killedAt150 = true;
          lat.push(...latencies(await timings(entry, board)));
          if (shots) await board.screenshot({ path: path.join(shots, 'board.png') });
          const lastId = (await timings(entry, board)).saves.at(-1)?.id ?? '';
          await stopLive(live, 'SIGKILL');
          const journal = readFileSync(path.join(dir, '现场计票.csv'), 'utf8').trimEnd().split('\n');
          expect(journal).toHaveLength(151);
          expect(journal[150]?.startsWith('000150,')).toBe(true);
          live = await startLive(dir, cwd);
          running.push(live);
          expect(live.out()).toContain('已有 150 张, 从 000151 继续');
          await entry.close();
          await board.close();
          ({ entry, board } = await openPages(ctx, live, box));
          await waitText(entry, 'next', '下一张 000151');
          // A page that never heard back retries with the same request id: the ballot is not doubled.
          const again = await entry.evaluate(async (id) => {
            const r = await fetch('/api/save', {
              method: 'POST',
              body: JSON.stringify({ id, station: '计票员甲', box: '中心会场', draft: { marks: {}, writeIns: [], status: '', note: '' } }),
            });
            return (await r.json()) as { ticket: string };
          }, lastId);
          expect(again.ticket).toBe('000150');
        }
      }
      lat.push(...latencies(await timings(entry, board)));
      expect(await board.locator('#counted').textContent()).toBe('318');

      // 结束计票 (F10, "end", Enter): the board shows the result and the journal's SHA-256.
      await entry.keyboard.press('F10');
      await entry.keyboard.type('end');
      await entry.keyboard.press('Enter');
      await board.waitForSelector('#final', { state: 'visible' });
      await board.waitForSelector('#sha:not(:empty)');
      if (shots) await board.screenshot({ path: path.join(shots, 'board-final.png') });

      const journalPath = path.join(dir, '现场计票.csv');
      const sha = createHash('sha256').update(readFileSync(journalPath)).digest('hex');
      expect(await board.locator('#sha').textContent()).toBe(sha);
      // The final result is byte for byte `jipiao count` of the journal (same election.json/voters/rulings).
      const live318 = readFileSync(path.join(dir, '现场计票-结果.json'), 'utf8');
      const counted = jipiao(['count', `${rel}/现场计票.csv`, '--format', 'json'], cwd);
      expect(live318).toBe(counted);
      expect(await board.locator('#table').textContent()).toBe(jipiao(['count', `${rel}/现场计票.csv`], cwd));
      // The big numbers on the board are the count's 赞成 of each printed candidate.
      const json = JSON.parse(counted) as { offices: { candidates: { name: string; approve: number }[] }[] };
      for (const c of json.offices.flatMap((o) => o.candidates))
        expect(await board.locator(`.n[data-name="${c.name}"]`).textContent()).toBe(String(c.approve));
      // …and is the count of fixtures/demo/ballots.csv: the journal put where the demo lies gives the same
      // JSON byte for byte except the ballots file's SHA-256 (the journal writes every approval as ○, one
      // 另选 slot per seat and a BOM).
      const twin = mkdtempSync(path.join(tmpdir(), 'jipiao-twin-'));
      mkdirSync(path.join(twin, 'fixtures/demo'), { recursive: true });
      copyFileSync(journalPath, path.join(twin, 'fixtures/demo/ballots.csv'));
      for (const f of ['election.json', 'voters.csv', 'rulings.csv']) copyFileSync(path.join(dir, f), path.join(twin, 'fixtures/demo', f));
      const fromJournal = jipiao(['count', 'fixtures/demo/ballots.csv', '--format', 'json'], twin);
      const fromDemo = jipiao(['count', 'fixtures/demo/ballots.csv', '--format', 'json'], root);
      const demoSha = createHash('sha256').update(demoCsv).digest('hex');
      expect(fromJournal.replace(sha, demoSha)).toBe(fromDemo);
      // Corrections never delete: the undo and the edit are recorded with who, when, before and after.
      const corrections = readFileSync(path.join(dir, '现场计票-更正记录.csv'), 'utf8');
      expect(corrections).toMatch(/计票员甲,录入,撤销,中心会场,000011,.*郑伟.*,\(已撤销\)/u);
      expect(corrections).toMatch(/计票员甲,录入,修改,中心会场,000020,.*郑伟.*/u);
      // …and shown in the ballot log (a 更正 cell on the corrected 票号) and on the 选举结果报告单.
      const ballotLog = readFileSync(path.join(dir, '现场计票-逐票记录.csv'), 'utf8').split('\n');
      expect(ballotLog[0]).toBe('\uFEFF票号,票箱,文件,行,类别,原因,原读,认定,更正');
      expect(ballotLog.find((l) => l.startsWith('000020,'))).toMatch(/,"修改 \(计票员甲, [^)]*\): .*郑伟.* → .*"$/u);
      expect(ballotLog.find((l) => l.startsWith('000011,'))).toMatch(/,"撤销 \(计票员甲, [^)]*\): .*郑伟.* → \(已撤销\)"$/u);
      expect(ballotLog.filter((l) => l.endsWith(',')).length).toBe(318 - 2);
      expect(readFileSync(path.join(dir, 'report', '选举结果报告单.txt'), 'utf8')).toContain(
        '现场计票更正记录：共 2 条（撤销 1 条，修改 1 条）',
      );
      expect(readFileSync(path.join(dir, 'report', '现场计票记录.txt'), 'utf8')).toContain(`SHA-256: ${sha}`);
      expect(existsSync(path.join(dir, 'report', '全部文书.html'))).toBe(true);
      // After 结束计票 the entry page can no longer save.
      const refused = await entry.evaluate(
        async () =>
          (
            await fetch('/api/save', {
              method: 'POST',
              body: JSON.stringify({ id: 'late', box: '中心会场', draft: { marks: {}, writeIns: [], status: '', note: '' } }),
            })
          ).status,
      );
      expect(refused).toBe(409);

      const ok = lat.filter((x) => Number.isFinite(x));
      expect(ok.length).toBe(318 + 1); // every save (and the slip undone) reached the board without a reload
      const summary = `board latency after Enter (ms) over ${ok.length} saves: min ${Math.min(...ok)} p50 ${quantile(ok, 0.5)} p90 ${quantile(ok, 0.9)} p99 ${quantile(ok, 0.99)} max ${Math.max(...ok)}; keystrokes per ballot: median ${quantile(keystrokes, 0.5)}, p90 ${quantile(keystrokes, 0.9)}, max ${Math.max(...keystrokes)}`;
      console.log(summary);
      if (shots) writeFileSync(path.join(shots, 'latency.txt'), `${summary}\n`);
      expect(quantile(keystrokes, 0.5)).toBeLessThanOrEqual(6);
      await stopLive(live);
    },
  );

  it('two entry stations typing the same ballots: a mismatch is flagged on both pages at once, and cleared by an edit', async () => {
    const dir = demoFolder(false);
    const live = await startLive(dir, path.dirname(dir));
    running.push(live);
    const a = await ctx.newPage();
    await a.goto(url(live.entry, { station: '甲', box: '中心会场' }));
    const b = await ctx.newPage();
    await b.goto(url(live.entry, { station: '乙', box: '中心会场', role: 'check' }));
    for (const p of [a, b]) await p.waitForSelector('body[data-ready="1"]');
    for (const [i, bal] of ballots.slice(0, 4).entries()) {
      await typeBallot(a, bal);
      await saveBallot(a);
      await typeBallot(b, bal);
      if (i === 3) await b.keyboard.type('8'); // the planted slip (郑伟, blank on ballot 4) on the second station
      await saveBallot(b);
    }
    for (const p of [a, b]) {
      await p.waitForSelector('#mismatch[data-count="1"]');
      expect(await p.locator('#mismatch').textContent()).toContain('000004');
      expect(await p.locator('#mismatch').textContent()).toContain('委员:郑伟');
    }
    // The second station corrects its ballot 4 (F9 addresses it by the main 票号).
    await editBallot(b, '4', '8');
    for (const p of [a, b]) await p.waitForSelector('#mismatch[data-count="0"]', { state: 'attached' });
    await stopLive(live);
  });

  it('write-ins are checked against the roll before saving (IME entry)', async () => {
    const dir = demoFolder(false);
    writeFileSync(
      path.join(dir, 'voters.csv'),
      `${readFileSync(path.join(dir, 'voters.csv'), 'utf8').trimEnd()}\n陈晓东,YL9999,男,1970-01-01,第一居民小组\n`,
    );
    const live = await startLive(dir, path.dirname(dir));
    running.push(live);
    const p = await ctx.newPage();
    await p.goto(url(live.entry, { station: '甲', box: '中心会场' }));
    await p.waitForSelector('body[data-ready="1"]');
    await p.keyboard.type('567+');
    const { imeType } = await import('./harness.js');
    await imeType(p, '陈晓东');
    await p.waitForSelector('#dlgHint[data-verdict="homonym"]');
    expect(await p.locator('#dlgHint').textContent()).toContain('同名');
    await p.keyboard.press('Escape');
    await p.keyboard.type('+');
    await imeType(p, '王小二');
    await p.waitForSelector('#dlgHint[data-verdict="notVoter"]');
    await p.keyboard.press('Enter');
    await p.waitForSelector('#preview[data-class="partial"]');
    expect(await p.locator('#preview').textContent()).toContain('委员栏超过应选名额');
    await stopLive(live);
  });
});
