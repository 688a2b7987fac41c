/**
 * Print HTML sheets to A4 PDF the way an official would (Debian's /usr/bin/chromium, headless, through
 * playwright-core: one browser for many pages — never a browser download), and read the PDF back with
 * poppler (`pdfinfo` page count, `pdftotext -layout` per page, `pdftoppm` PNG snapshots).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
export const HAVE_PRINT_TOOLS =
  CHROMIUM !== undefined &&
  ['pdfinfo', 'pdftotext', 'pdftoppm'].every((t) => {
    try {
      execFileSync(t, ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });

/** How every test starts Debian's Chromium: headless, no sandbox, nothing fetched from the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One headless Chromium (playwright gives it a fresh, temporary profile) for many prints. */
export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM as string, args: CHROMIUM_ARGS });
}

/** Print one HTML file to `pdf` (A4 from the sheet's own @page rule, no browser header or footer). */
export async function printPdf(browser: Browser, html: string, pdf: string): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.goto(`file://${html}`);
    await page.pdf({ path: pdf, preferCSSPageSize: true, displayHeaderFooter: false, printBackground: true });
  } finally {
    await page.close();
  }
}

export function pageCount(pdf: string): number {
  const m = /^Pages:\s+(\d+)/mu.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }));
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/** The text of each page, laid out (`pdftotext -layout`). */
export function pageTexts(pdf: string): string[] {
  const n = pageCount(pdf);
  return Array.from({ length: n }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }),
  );
}

/** Text with every space removed (pdftotext spaces out letter-spaced titles). */
export const squeeze = (s: string): string => s.replace(/\s+/gu, '');

/**
 * Which pages of a bundle (全部文书) belong to which sheet: each sheet starts a page whose text has the
 * sheet's title as a line of its own. Returns the first page (0-based) of each sheet, in order.
 */
export function sheetStarts(pages: readonly string[], titles: readonly string[]): number[] {
  const starts: number[] = [];
  let p = 0;
  for (const title of titles) {
    while (p < pages.length && !(pages[p] ?? '').split('\n').some((l) => squeeze(l) === title)) p++;
    if (p >= pages.length) throw new Error(`no page starts the sheet ${title}`);
    starts.push(p);
    p++;
  }
  return starts;
}

/** PNG snapshots of pages `first`…`last` (1-based) of a PDF, in grey at `dpi`, named `<stem>.png` or `<stem>-n.png`. */
export function snapshotPages(pdf: string, first: number, last: number, outDir: string, stem: string, dpi = 60): string[] {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-png-'));
  execFileSync('pdftoppm', ['-png', '-gray', '-r', String(dpi), '-f', String(first), '-l', String(last), pdf, path.join(tmp, 'p')]);
  const pages = readdirSync(tmp)
    .filter((f) => f.endsWith('.png'))
    .sort();
  const names = pages.map((_, i) => (pages.length === 1 ? `${stem}.png` : `${stem}-${i + 1}.png`));
  pages.forEach((f, i) => renameSync(path.join(tmp, f), path.join(outDir, names[i] as string)));
  rmSync(tmp, { recursive: true, force: true });
  return names;
}

export interface PrintedBundle {
  /** Sheet ids (file names) in print order. */
  readonly sheets: readonly string[];
  /** Each sheet's title (its h1) and the line above it, if any. */
  readonly titles: readonly { readonly over: string | undefined; readonly text: string }[];
  readonly pdf: string;
  readonly pages: readonly string[];
  /** First page (0-based) of each sheet in the bundle, and how many pages it has. */
  readonly ranges: readonly { readonly start: number; readonly count: number }[];
}

/** Print `dir/全部文书.html` and cut it into its sheets. */
export async function printBundle(browser: Browser, dir: string): Promise<PrintedBundle> {
  const html = readFileSync(path.join(dir, '全部文书.html'), 'utf8');
  const sections = [
    ...html.matchAll(/<section class="sheet [\w ]+" id="([^"]+)">\n(?:<p class="over">([^<]*)<\/p>\n)?<h1>([^<]*)<\/h1>/gu),
  ];
  const sheets = sections.map((m) => m[1] as string);
  const titles = sections.map((m) => ({ over: m[2], text: m[3] as string }));
  const pdf = path.join(dir, '全部文书.pdf');
  await printPdf(browser, path.join(dir, '全部文书.html'), pdf);
  const pages = pageTexts(pdf);
  const starts = sheetStarts(
    pages,
    titles.map((t) => t.text),
  );
  const ranges = starts.map((start, i) => ({ start, count: (starts[i + 1] ?? pages.length) - start }));
  return { sheets, titles, pdf, pages, ranges };
}
