/**
 * exceljs's streaming reader sometimes loses the end of the zip on a busy machine (src/adapters/input/xlsx.ts):
 * a failed read is tried again from the same bytes, and only a file that fails every time is unreadable.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const demo = fileURLToPath(new URL('../../../fixtures/demo-xlsx/ballots.xlsx', import.meta.url));
let failures = 0;

vi.mock('exceljs', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof import('exceljs') }).default;
  class FlakyReader extends real.stream.xlsx.WorkbookReader {
    override async *[Symbol.asyncIterator](): AsyncGenerator<never> {
      if (failures > 0) {
        failures--;
        // What exceljs 4.4 throws when its unzip stream ended before workbook.xml was read.
        throw new TypeError("Cannot read properties of undefined (reading 'sheets')");
      }
      yield* super[Symbol.asyncIterator]() as AsyncGenerator<never>;
    }
  }
  return { default: { ...real, stream: { ...real.stream, xlsx: { ...real.stream.xlsx, WorkbookReader: FlakyReader } } } };
});

async function rowsOf(): Promise<number> {
  const { xlsxBatches } = await import('../../../src/adapters/input/xlsx.js');
  let n = 0;
  for await (const batch of xlsxBatches(demo, 'ballots.xlsx', { bytes: readFileSync(demo) })) n += batch.length;
  return n;
}

describe('a read exceljs loses is tried again', () => {
  afterEach(() => {
    failures = 0;
  });

  it('two lost reads, then the whole sheet: every row', async () => {
    failures = 2;
    expect(await rowsOf()).toBe(319);
    expect(failures).toBe(0);
  });

  it('lost every time: XLSX_UNREADABLE', async () => {
    failures = 3;
    await expect(rowsOf()).rejects.toMatchObject({ errors: [{ code: 'XLSX_UNREADABLE', file: 'ballots.xlsx' }] });
  });
});
