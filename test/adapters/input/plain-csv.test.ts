/**
 * The roll's plain reader (issue 17, `batch` memory): decoded a batch of lines at a time into the spare
 * read buffer, it must still give exactly csvBatches' rows — across batch boundaries, with empty lines
 * and CR LF, and when the spare buffer still holds a longer file read before.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvBatches } from '../../../src/adapters/input/csv.js';
import { Sha256Sink } from '../../../src/adapters/input/hash.js';
import { plainCsvBatches, plainLayout } from '../../../src/adapters/input/plain-csv.js';
import { Row } from '../../../src/adapters/input/row.js';
import { giveBuffer, takeBuffer } from '../../../src/adapters/input/spare.js';
import type { RawRow } from '../../../src/core/index.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-plain-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function rows(it: AsyncIterable<readonly RawRow[]>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const b of it) out.push(...b);
  return out;
}

let n = 0;
function file(text: string): string {
  const p = path.join(tmp, `f${n++}.csv`);
  writeFileSync(p, text);
  return p;
}

describe('plain reader over many batches', () => {
  it('= csvBatches for rolls of thousands of lines, empty lines anywhere, LF or CR LF, with or without a final break (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1000, max: 3000 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (count, empties, nl, finalBreak) => {
          const lines = ['姓名,选民证号,居民小组', ...Array.from({ length: count }, (_, i) => `居民${i},V${i},第${i % 9}组`)];
          for (const at of empties) lines.splice(Math.min(at, lines.length), 0, '');
          const p = file(`${lines.join(nl)}${finalBreak ? nl : ''}`);
          const plain = await rows(plainCsvBatches(p, 'v.csv'));
          expect(plain).toEqual(await rows(csvBatches(p, 'v.csv')));
          expect(plain.every((r) => r instanceof Row)).toBe(true); // never object literals (see row.ts)
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a short file read after a long one: nothing of the long one shows through the reused buffer', async () => {
    const long = file(`姓名,居民小组\n${'张三,一组\n'.repeat(5000)}`);
    const short = file('姓名,居民小组\n李四,二组');
    expect(await rows(plainCsvBatches(long, 'a.csv'))).toHaveLength(5001);
    expect((await rows(plainCsvBatches(short, 'b.csv'))).map((r) => r.cells)).toEqual([
      ['姓名', '居民小组'],
      ['李四', '二组'],
    ]);
    expect(await rows(plainCsvBatches(file(''), 'c.csv'))).toEqual(await rows(csvBatches(file(''), 'c.csv')));
  });

  it('hashes exactly the bytes of the file, not the rest of the buffer', async () => {
    await rows(plainCsvBatches(file('x'.repeat(9000)), 'long.csv'));
    const digest = new Sha256Sink();
    await rows(plainCsvBatches(file('姓名\n王五\n'), 'v.csv', { digest }));
    const direct = new Sha256Sink();
    direct.update(Buffer.from('姓名\n王五\n'));
    direct.end();
    expect(digest.hex()).toBe(direct.hex());
  });

  it('a line of more bytes than a cell may have is left to the exact reader', () => {
    expect(plainLayout(Buffer.from(`a\n${'b'.repeat(10_001)}\n`))).toBeUndefined();
    expect(plainLayout(Buffer.from(`a\n${'b'.repeat(10_000)}\n`))).toEqual({ from: 0, crlf: false });
    expect(plainLayout(Buffer.from('\uFEFFa\tb\nc\n'))).toBeUndefined(); // a tab in the header
  });
});

describe('spare buffer', () => {
  it('hands the spare out once, its front only; a second taker gets a buffer of its own', () => {
    const a = takeBuffer(1 << 20);
    giveBuffer(a);
    const b = takeBuffer(1000);
    expect(b.length).toBe(1000);
    expect(b.buffer).toBe(a.buffer); // the spare, reused
    const c = takeBuffer(1000);
    expect(c.buffer).not.toBe(a.buffer); // still in use: a new one
    giveBuffer(c);
    giveBuffer(b); // the larger of the two is kept
    expect(takeBuffer(1 << 20).buffer).toBe(a.buffer);
  });
});
