/**
 * Regenerate the PNG snapshots of the printed sheets: `npx vite-node test/adapters/report/snapshots.ts`. Each fixture
 * of PRINTED is reported, 全部文书.html printed to A4 PDF by headless Chromium, and every sheet's pages
 * rendered by pdftoppm (grey, 60 dpi) into fixtures/<fixture>/printed/<sheet>[-n].png.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../cli/fake-io.js';
import { PRINTED } from './printed-fixtures.js';
import { launch, printBundle, snapshotPages } from './print.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-snap-'));
const browser = await launch();
try {
  for (const fixture of process.argv.length > 2 ? process.argv.slice(2) : PRINTED) {
    const dir = path.join(tmp, fixture);
    const code = await main(['report', `fixtures/${fixture}/ballots.csv`, '--out', dir], fakeIo(root));
    if (code !== 0) throw new Error(`report ${fixture}: exit ${code}`);
    const b = await printBundle(browser, dir);
    const out = path.join(root, 'fixtures', fixture, 'printed');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    b.sheets.forEach((s, i) => {
      const r = b.ranges[i] as { start: number; count: number };
      snapshotPages(b.pdf, r.start + 1, r.start + r.count, out, s);
    });
    process.stdout.write(`${fixture}: ${b.pages.length} pages → ${readdirSync(out).join(' ')}\n`);
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
