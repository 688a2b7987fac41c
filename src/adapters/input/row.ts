/**
 * A RawRow made by a constructor, not by an object literal (issue 17, `batch` memory). V8 watches each
 * object literal and, when most of its objects outlive a scavenge, allocates the later ones straight in
 * the old generation ("allocation-site pretenuring"). Rows handed over in batches look like that, so every
 * later row — and every cell string it holds, kept alive through it — stayed until the next full GC:
 * ~3 MB per roll of 20 000 voters. Instances of a class are never pretenured.
 */
import type { RawRow } from '../../core/index.js';

export class Row implements RawRow {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly cells: string[],
  ) {}
}
