/**
 * Helpers of the live browser tests: a `jipiao live` server as a child process (so it can be killed
 * with SIGKILL), Debian's Chromium through playwright-core (never a browser download), and the
 * keystrokes of a ballot derived from a grid-layout row of fixtures/demo/ballots.csv.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type CDPSession, type Page, chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../report/print.js';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
export const bin = path.join(root, 'bin', 'jipiao.js');

export interface Running {
  readonly child: ChildProcess;
  readonly entry: string;
  readonly board: string;
  readonly key: string | undefined;
  readonly out: () => string;
}

/** A fresh election folder with the demo's election.json, voters.csv and (optionally) rulings.csv. */
export function demoFolder(rulings = true): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jipiao-live-'));
  const files = ['election.json', 'voters.csv', ...(rulings ? ['rulings.csv'] : [])];
  for (const f of files) copyFileSync(path.join(root, 'fixtures/demo', f), path.join(dir, f));
  return dir;
}

/** Start `jipiao live DIR --port 0 --no-open` and wait for the URLs it prints. */
export function startLive(dir: string, cwd: string, extra: readonly string[] = []): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'live', dir, '--port', '0', '--no-open', ...extra], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const entry = /录入页: (\S+)/u.exec(out)?.[1];
      const board = /公开计票页: (\S+)/u.exec(out)?.[1];
      if (entry && board && out.includes('Ctrl+C'))
        resolve({ child, entry, board, key: /录入密钥: (\S+)/u.exec(out)?.[1], out: () => out });
    });
    child.once('exit', (code) => reject(new Error(`jipiao live exited (${code}): ${out}`)));
  });
}

export async function stopLive(r: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  const gone = new Promise((resolve) => r.child.once('exit', resolve));
  r.child.kill(signal);
  await gone;
}

export async function browser(): Promise<BrowserContext> {
  const profile = mkdtempSync(path.join(tmpdir(), 'jipiao-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1600, height: 900 },
  });
}

/** What to type for one ballot: key strings, and write-in names (typed through IME composition). */
export type Stroke = { readonly keys: string } | { readonly writeIn: string; readonly tabs: number } | { readonly note: string };

export interface CsvBallot {
  readonly ticket: string;
  readonly box: string;
  readonly strokes: readonly Stroke[];
}

const KEYS = '1234567890abcdefghijklmnopqrstuvwyz';

/**
 * The keystrokes of one grid-layout row: approve → the candidate's key, oppose → `-` key, unclear →
 * `?` key; a written name → `+` (Tab to its office if it is not the office of the last key), the
 * name, Enter; 无法辨认 → `!`, 疑难 → `#`; 备注 → `;` text Enter. (A write-in office is reached the way
 * a 计票员 would: `+` opens the office of the last candidate key pressed, else the last office.)
 */
export function strokesOf(header: readonly string[], cells: readonly string[], offices: readonly string[]): CsvBallot {
  const strokes: Stroke[] = [];
  let keys = '';
  let cand = 0;
  let lastOffice: number | undefined;
  header.forEach((h, i) => {
    const v = (cells[i] ?? '').trim();
    const [office, who] = h.split(':');
    if (who === undefined) return;
    const oi = offices.indexOf(office ?? '');
    if (/^另选\d+$/u.test(who)) {
      if (v === '') return;
      if (keys) strokes.push({ keys });
      keys = '';
      const from = lastOffice ?? offices.length - 1;
      strokes.push({ writeIn: v, tabs: (oi - from + offices.length) % offices.length });
      return;
    }
    const k = KEYS[cand++] ?? '';
    if (v === '') return;
    lastOffice = oi;
    if (v === '?') keys += `?${k}`;
    else if (v === '×') keys += `-${k}`;
    else keys += k;
  });
  if (keys) strokes.push({ keys });
  const status = cells[header.indexOf('状态')] ?? '';
  if (status === '无法辨认') strokes.push({ keys: '!' });
  if (status === '疑难') strokes.push({ keys: '#' });
  const note = cells[header.indexOf('备注')] ?? '';
  if (note !== '') strokes.push({ note });
  return { ticket: cells[0] ?? '', box: cells[1] ?? '', strokes };
}

/** Type a Chinese name the way an IME delivers it: composition events, then the committed text. */
export async function imeType(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 1; i < text.length; i++)
    await cdp.send('Input.imeSetComposition', { text: text.slice(0, i), selectionStart: i, selectionEnd: i });
  // Enter pressed while the IME is still composing must not add the name (the page ignores it).
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
  await cdp.send('Input.insertText', { text });
  await cdp.detach();
}

const sessions = new WeakMap<Page, CDPSession>();
async function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = await page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

/**
 * Press keys as the keyboard does (trusted keydown/keyup events through the DevTools input domain),
 * pipelined: the events of one ballot are sent without waiting for each one's acknowledgement — the
 * browser still handles them one after another, in order. (Playwright's keyboard.type waits for each.)
 */
export async function pressKeys(page: Page, keys: string): Promise<void> {
  const cdp = await session(page);
  const sends: Promise<unknown>[] = [];
  for (const ch of keys) {
    const enter = ch === '\n';
    const key = enter ? 'Enter' : ch;
    const code = enter ? 13 : ch.toUpperCase().charCodeAt(0);
    sends.push(
      cdp.send('Input.dispatchKeyEvent', {
        type: 'keyDown',
        key,
        text: enter ? '\r' : ch,
        unmodifiedText: enter ? '\r' : ch,
        windowsVirtualKeyCode: code,
      }),
    );
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, windowsVirtualKeyCode: code }));
  }
  await Promise.all(sends);
}

/** Type one ballot on an entry page (without the final Enter). */
export async function typeBallot(page: Page, b: CsvBallot): Promise<number> {
  let n = 0;
  for (const s of b.strokes) {
    if ('keys' in s) {
      await pressKeys(page, s.keys);
      n += s.keys.length;
    } else if ('writeIn' in s) {
      await page.keyboard.type('+');
      for (let t = 0; t < s.tabs; t++) await page.keyboard.press('Tab');
      await imeType(page, s.writeIn);
      await page.keyboard.press('Enter');
      n += 2 + s.tabs + 1; // + … Enter, the name itself counted as one entry
    } else {
      await page.keyboard.type(';');
      await page.keyboard.insertText(s.note);
      await page.keyboard.press('Enter');
      n += 3;
    }
  }
  return n;
}

export async function setBox(page: Page, box: string): Promise<void> {
  await page.keyboard.press('F2');
  await page.locator('#dlgInput').fill(box);
  await page.keyboard.press('Enter');
}

/** Press Enter and wait until the page has the saved ballot confirmed; the ticket (or an error naming the page's message). */
export async function saveBallot(page: Page): Promise<string> {
  const before = await page.evaluate(() => (globalThis as unknown as { __saves: unknown[] }).__saves.length);
  await pressKeys(page, '\n');
  const h = await page.waitForFunction((n) => {
    const g = globalThis as unknown as {
      __saves: { ticket: string }[];
      document: { getElementById(id: string): { className: string; textContent: string | null } | null };
    };
    if (g.__saves.length > n) return g.__saves[g.__saves.length - 1]?.ticket ?? '';
    const m = g.document.getElementById('msg');
    return m?.className === 'err' ? `ERROR ${m.textContent ?? ''}` : false;
  }, before);
  const r = (await h.jsonValue()) as string;
  if (r.startsWith('ERROR')) throw new Error(`save refused: ${r}`);
  return r;
}

type Doc = {
  document: { getElementById(id: string): { textContent: string | null } | null; body: { getAttribute(n: string): string | null } };
};

/** Wait until element #id's text is `text` (or starts with it). */
export async function waitText(page: Page, id: string, text: string, startsWith = false): Promise<void> {
  await page.waitForFunction(
    ([i, t, s]) => {
      const v = (globalThis as unknown as Doc).document.getElementById(i)?.textContent ?? '';
      return s ? v.startsWith(t) : v === t;
    },
    [id, text, startsWith] as const,
  );
}

/** Wait until the page has shown the server's state `version` (or a later one). */
export async function waitVersion(page: Page, version: number): Promise<void> {
  await page.waitForFunction((v) => Number((globalThis as unknown as Doc).document.body.getAttribute('data-version')) >= v, version);
}

/** 修改一张: F9, the 票号 as typed (e.g. `20`), Enter; then `keys` change the ballot and Enter saves the edit. */
export async function editBallot(page: Page, typed: string, keys: string): Promise<void> {
  const ticket = typed.padStart(6, '0');
  await page.keyboard.press('F9');
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await waitText(page, 'next', `修改 ${ticket}`);
  await page.keyboard.type(keys);
  await page.keyboard.press('Enter');
  await waitText(page, 'msg', `已修改 ${ticket}`, true);
}
