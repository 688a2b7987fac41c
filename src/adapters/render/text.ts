/**
 * Display width of terminal text (CJK-aware) for the renderers. The ranges are those of
 * `is-fullwidth-code-point`, which `string-width` — and so cli-table3 — uses: text padded here lines
 * up with the tables cli-table3 draws. ANSI colour codes take no columns; control characters and
 * combining marks take none either.
 */

/** 2 for East Asian wide and full-width code points (汉字, 全角标点), else 1; 0 for controls and combining marks. */
export function charWidth(cp: number): number {
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) return 0;
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  if (cp < 0x1100) return 1;
  if (
    cp <= 0x115f ||
    cp === 0x2329 ||
    cp === 0x232a ||
    (cp >= 0x2e80 && cp <= 0x3247 && cp !== 0x303f) ||
    (cp >= 0x3250 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0xa4c6) ||
    (cp >= 0xa960 && cp <= 0xa97c) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6b) ||
    (cp >= 0xff01 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1b000 && cp <= 0x1b001) ||
    (cp >= 0x1f200 && cp <= 0x1f251) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

const ANSI = /\u001b\[[0-9;]*m/gu;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Columns the text takes in a terminal (colour codes ignored). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/** Pad on the right to `w` display columns. */
export function padEndWidth(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - displayWidth(s)));
}

/** Pad on the left to `w` display columns. */
export function padStartWidth(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - displayWidth(s))) + s;
}

/**
 * Lay out rows of cells as aligned columns separated by two spaces (no borders), for short lists such
 * as the elected members. The last column is not padded.
 */
export function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : padEndWidth(cell, widths[i] ?? 0))).join('  ')).trimEnd(),
  );
}
