/**
 * readInput reads through the spare buffer (issue 17, memory): the bytes it returns are its own — the
 * same as the file's, over several chunks, and untouched by the files read after them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../../src/adapters/input/files.js';
import { takeBuffer } from '../../../src/adapters/input/spare.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bytesOf(name: string, size: number, seed: number): string {
  const p = path.join(tmp, name);
  writeFileSync(p, Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff)));
  return p;
}

describe('readInput', () => {
  it('the whole file over several 64 KiB chunks, a small one, an empty one; later reads change nothing read before', () => {
    const big = bytesOf('big.bin', 200_000, 1);
    const small = bytesOf('small.bin', 680, 2);
    const empty = bytesOf('empty.bin', 0, 3);
    const a = readInput(big, 'big.bin');
    const b = readInput(small, 'small.bin');
    const c = readInput(empty, 'empty.bin');
    takeBuffer(1 << 16).fill(0xee); // whoever takes the spare next writes into it
    expect(a.ok && a.value.bytes.equals(readFileSync(big))).toBe(true);
    expect(b.ok && b.value.bytes.equals(readFileSync(small))).toBe(true);
    expect(c.ok && c.value.bytes.length).toBe(0);
  });

  it('a file over the limit is refused', () => {
    const r = readInput(bytesOf('over.bin', 70_000, 4), 'over.bin', 65_536);
    expect(r.ok ? [] : r.error.map((e) => e.code)).toEqual(['FILE_TOO_BIG']);
  });
});
