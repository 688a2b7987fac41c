// splitCsv cuts a CSV file into byte ranges at record boundaries; reading the parts (the first with the
// header, the rest after it) must give exactly the records and line numbers of reading the whole file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvOptions, csvRows, splitCsv } from '../../../src/adapters/input/csv.js';
import type { RawRow } from '../../../src/core/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'jipiao-split-csv-'));
let n = 0;

async function rows(p: string, opts: CsvOptions = {}): Promise<{ line: number; cells: readonly string[] }[]> {
  const out: RawRow[] = [];
  for await (const r of csvRows(p, 'x.csv', opts)) out.push(r);
  return out.map((r) => ({ line: r.line, cells: r.cells }));
}

const cellText = fc.oneof(
  fc.constantFrom('', '○', '×', '张三', '李四、王五', '00012', '中心会场'),
  fc.string({ unit: fc.constantFrom('a', '张', ',', '"', '\n', '\r\n', ' ', '√') , maxLength: 8 }),
);
const quote = (c: string): string => (/[",\n\r]/u.test(c) || c.startsWith(' ') ? `"${c.replace(/"/gu, '""')}"` : c);

describe('splitCsv', () => {
  it('parts read one after another = the whole file (records, cells, line numbers)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellText, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        async (records, eol, parts, blankLines) => {
          const body = records.map((r) => r.map(quote).join(',')).join(blankLines ? `${eol}${eol}` : eol);
          const p = path.join(dir, `s${n++}.csv`);
          writeFileSync(p, `票号,委员,状态${eol}${body}${eol}`);
          const whole = await rows(p);
          const ranges = await splitCsv(p, parts, 0);
          if (ranges === undefined) return; // too few records to cut
          expect(ranges).toHaveLength(parts);
          const pieces: { line: number; cells: readonly string[] }[] = [];
          for (const range of ranges) pieces.push(...(await rows(p, { range })));
          expect(pieces).toEqual(whole);
        },
      ),
      { numRuns: 150 },
    );
  });
  it('cuts a big file into parts of about equal size', async () => {
    const p = path.join(dir, 'big.csv');
    const line = '00000001,中心会场,√,,×\n';
    writeFileSync(p, `票号,票箱,主任:张三,主任:李四,主任:王五\n${line.repeat(20_000)}`);
    const ranges = await splitCsv(p, 3);
    expect(ranges?.map((r) => r.start)).toEqual([0, expect.any(Number), expect.any(Number)]);
    const sizes = (ranges ?? []).map((r) => r.end - r.start);
    for (const s of sizes) expect(Math.abs(s - (ranges?.at(-1)?.end ?? 0) / 3)).toBeLessThan(100);
    expect(ranges?.[1]?.firstLine).toBeGreaterThan(6000);
  });
  it('a later part keeps the record delimiter of the file (CRLF file with LF-only lines further down)', async () => {
    const p = path.join(dir, 'mixed.csv');
    // 15 + 90 + 10 + 90 + 10 bytes: the only cut after the middle is after the CRLF line at 115.
    writeFileSync(p, `票号,委员\r\n${'2,李四\n'.repeat(10)}1,张三\r\n${'2,李四\n'.repeat(10)}1,张三\r\n`);
    const whole = await rows(p);
    const ranges = await splitCsv(p, 2, 0);
    expect(ranges?.map((r) => [r.start, r.recordDelimiter])).toEqual([[0, '\r\n'], [115, '\r\n']]);
    const pieces: { line: number; cells: readonly string[] }[] = [];
    for (const range of ranges ?? []) pieces.push(...(await rows(p, { range })));
    expect(pieces).toEqual(whole);
  });
  it('does not cut a file with bare CR line ends, a small file, or a missing file', async () => {
    const p = path.join(dir, 'cr.csv');
    writeFileSync(p, `票号,委员\r${'1,张三\r'.repeat(50_000)}`);
    expect(await splitCsv(p, 2)).toBeUndefined();
    const small = path.join(dir, 'small.csv');
    writeFileSync(small, '票号,委员\n1,张三\n2,李四\n');
    expect(await splitCsv(small, 2)).toBeUndefined();
    expect(await splitCsv(small, 2, 0)).toHaveLength(2);
    expect(await splitCsv(path.join(dir, 'nope.csv'), 2)).toBeUndefined();
  });
});
