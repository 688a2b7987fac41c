/**
 * Print HTML sheets to A4 PDF the way an official would (Debian's /usr/bin/chromium, headless, through
 * playwright-core: one browser for many pages — never a browser download), and read the PDF back with
 * poppler (`pdfinfo` page count, `pdftotext -layout` per page, `pdftoppm` PNG snapshots).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
export const HAVE_PRINT_TOOLS = CHROMIUM !== undefined && ['pdfinfo', 'pdftotext', 'pdftoppm'].every((t) => {
  try {
    execFileSync(t, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** One headless Chromium (playwright gives it a fresh, temporary profile) for many prints. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM as string,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
  return Array.from({ length: n }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
}

/** PNG snapshots of every page (`<stem>.png`, or `<stem>-1.png`, `<stem>-2.png`, … for several pages). */
export function snapshots(pdf: string, outDir: string, stem: string, dpi = 60): string[] {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-png-'));
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), pdf, path.join(tmp, 'p')]);
  const pages = readdirSync(tmp).filter((f) => f.endsWith('.png')).sort();
  const names = pages.map((_, i) => (pages.length === 1 ? `${stem}.png` : `${stem}-${i + 1}.png`));
  pages.forEach((f, i) => renameSync(path.join(tmp, f), path.join(outDir, names[i] as string)));
  rmSync(tmp, { recursive: true, force: true });
  return names;
}
