// csvBatches only checks cells for U+FFFD and line breaks once the raw bytes have shown a reason to
// (see utf8Watch); these tests put the reasons exactly where a 64 KiB read chunk ends.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRows, utf8Watch } from '../../../src/adapters/input/csv.js';
import { InputErrors, type RawRow } from '../../../src/core/index.js';

const CHUNK = 1 << 16;
const dir = mkdtempSync(path.join(os.tmpdir(), 'jipiao-csv-'));
let n = 0;

function file(bytes: Buffer): string {
  const p = path.join(dir, `f${n++}.csv`);
  writeFileSync(p, bytes);
  return p;
}

async function read(
  p: string,
): Promise<{ rows: RawRow[]; error?: { code: string; line?: number | undefined; column?: number | string | undefined } }> {
  const rows: RawRow[] = [];
  try {
    for await (const r of csvRows(p, 'x.csv')) rows.push(r);
  } catch (e) {
    if (e instanceof InputErrors) {
      const x = e.errors[0];
      return { rows, error: { code: x?.code ?? '', line: x?.line, column: x?.column } };
    }
    throw e;
  }
  return { rows };
}

/** ASCII filler lines `k,aaaa…` up to exactly `size` bytes (each ends with \n). */
function filler(size: number): Buffer {
  const lines: string[] = [];
  let len = 0;
  let k = 0;
  while (len < size) {
    const room = size - len;
    const body = room >= 40 ? 'a'.repeat(30) : 'b'.repeat(Math.max(0, room - String(k).length - 2));
    const line = `${k},${body}\n`;
    lines.push(line);
    len += line.length;
    k++;
  }
  const b = Buffer.from(lines.join(''));
  expect(b.length).toBe(size);
  return b;
}

describe('UTF-8 checks across read chunks', () => {
  it('a valid CJK character split across the 64 KiB seam is not an error', async () => {
    const head = Buffer.from('票号,委员\n');
    for (const shift of [1, 2]) {
      // Put the 3-byte 张 so that `shift` of its bytes fall before the seam.
      const pad = filler(CHUNK - head.length - 2 - shift);
      const p = file(Buffer.concat([head, pad, Buffer.from('9,张三\n9,李四\n')]));
      const { rows, error } = await read(p);
      expect(error).toBeUndefined();
      expect(rows.at(-2)?.cells).toEqual(['9', '张三']);
    }
  });
  it('the watch sees a split character as clean and a broken one as not, at every seam', () => {
    const zhang = Buffer.from('张三'); // e5 bc a0 e4 b8 89
    for (let cut = 0; cut <= zhang.length; cut++) {
      const w = utf8Watch();
      expect(w.clean(Buffer.concat([Buffer.from('1,'), zhang.subarray(0, cut)]))).toBe(true);
      expect(w.clean(Buffer.concat([zhang.subarray(cut), Buffer.from('\n')]))).toBe(true);
      expect(w.complete()).toBe(true);
    }
    const broken = Buffer.from([0xe5, 0xbc, 0x0a]); // 张 without its last byte
    for (let cut = 1; cut <= 2; cut++) {
      const w = utf8Watch();
      expect(w.clean(Buffer.concat([Buffer.from('1,'), broken.subarray(0, cut)])) && w.clean(broken.subarray(cut))).toBe(false);
    }
    const w = utf8Watch();
    expect(w.clean(Buffer.from([0x31, 0xe5]))).toBe(true);
    expect(w.complete()).toBe(false);
    expect(utf8Watch().clean(Buffer.from([0xbc, 0x31]))).toBe(false); // a stray continuation byte first
    expect(utf8Watch().clean(Buffer.from('a\uFFFDb'))).toBe(false);
  });
  for (const [name, bytes] of [
    ['a lead byte before the seam, a line break after it', [0xe5]],
    ['two of three bytes before the seam', [0xe5, 0xbc]],
  ] as const) {
    it(`an invalid character at the seam is reported with its line and column: ${name}`, async () => {
      const head = Buffer.from('票号,委员\n');
      const pad = filler(CHUNK - head.length - 2 - bytes.length);
      const lines = 1 + pad.toString().split('\n').length - 1;
      const p = file(Buffer.concat([head, pad, Buffer.from('7,'), Buffer.from(bytes), Buffer.from('\n8,x\n')]));
      const { error } = await read(p);
      expect(error).toEqual({ code: 'ENCODING_INVALID', line: lines + 1, column: 2 });
    });
  }
  it('an invalid byte deep in a big clean file is still found', async () => {
    const head = Buffer.from('票号,委员\n');
    const pad = filler(5 * CHUNK + 123);
    const lines = 1 + pad.toString().split('\n').length - 1;
    const p = file(Buffer.concat([head, pad, Buffer.from('7,王'), Buffer.from([0xff]), Buffer.from('五\n')]));
    expect((await read(p)).error).toEqual({ code: 'ENCODING_INVALID', line: lines + 1, column: 2 });
  });
  it('a file cut off in the middle of a character is invalid', async () => {
    const p = file(Buffer.concat([Buffer.from('票号,委员\n1,张'), Buffer.from('三').subarray(0, 2)]));
    expect((await read(p)).error?.code).toBe('ENCODING_INVALID');
  });
  it('a literal U+FFFD in the file is refused like a decoding error', async () => {
    const p = file(Buffer.from('票号,委员\n1,张\uFFFD\n'));
    expect((await read(p)).error).toEqual({ code: 'ENCODING_INVALID', line: 2, column: 2 });
  });
});

describe('over-long cells', () => {
  const head = Buffer.from('票号,委员\n');
  it('a long line after many clean chunks is checked cell by cell', async () => {
    const pad = filler(4 * CHUNK + 99);
    const lines = 1 + pad.toString().split('\n').length - 1;
    const p = file(Buffer.concat([head, pad, Buffer.from(`7,${'张'.repeat(10_001)}\n8,x\n`)]));
    expect((await read(p)).error).toEqual({ code: 'CSV_CELL_TOO_LONG', line: lines + 1, column: 2 });
  });
  it('a line of exactly the limit in bytes is not a long cell; a quoted cell spread over short lines is', async () => {
    const ok = file(Buffer.concat([head, Buffer.from(`1,${'a'.repeat(9_998)}\n`)]));
    expect((await read(ok)).error).toBeUndefined();
    const spread = file(Buffer.concat([head, Buffer.from(`1,"${'张三\n'.repeat(3_500)}"\n`)]));
    expect((await read(spread)).error).toEqual({ code: 'CSV_CELL_TOO_LONG', line: 2, column: 2 });
  });
});

describe('line numbers after quoted line breaks', () => {
  it('a quote first seen after many chunks still makes later lines count right', async () => {
    const head = Buffer.from('票号,委员\n');
    const pad = filler(3 * CHUNK + 7);
    const lines = 1 + pad.toString().split('\n').length - 1;
    const p = file(Buffer.concat([head, pad, Buffer.from('7,"张三\n李四"\n8,王五\n')]));
    const { rows, error } = await read(p);
    expect(error).toBeUndefined();
    expect(rows.at(-2)).toMatchObject({ line: lines + 1, cells: ['7', '张三\n李四'] });
    expect(rows.at(-1)).toMatchObject({ line: lines + 3, cells: ['8', '王五'] });
  });
});
