/**
 * Encoding detection (SPEC §2.2): UTF-8 with or without BOM, else GB18030/GBK (what Excel on a Chinese
 * Windows saves). UTF-8 is always decoded with `fatal: true`: GBK bytes read as UTF-8 would silently
 * become U+FFFD, so a file that is not valid UTF-8 is never read as UTF-8.
 */
export type Encoding = 'utf-8' | 'gb18030';

export function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/** Cut a sample so it does not end inside a UTF-8 sequence. */
function utf8Boundary(b: Uint8Array): Uint8Array {
  let end = b.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const c = b[end - i] ?? 0;
    if ((c & 0xc0) === 0x80) continue; // continuation byte
    if ((c & 0x80) === 0) break; // ASCII: complete
    const need = (c & 0xe0) === 0xc0 ? 2 : (c & 0xf0) === 0xe0 ? 3 : (c & 0xf8) === 0xf0 ? 4 : 1;
    if (need > i) end -= i; // incomplete lead sequence at the end: drop it
    break;
  }
  return b.subarray(0, end);
}

export function detectEncoding(sample: Uint8Array): Encoding {
  if (hasUtf8Bom(sample)) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(utf8Boundary(sample));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** NUL bytes do not occur in text CSV (UTF-8 or GB18030): the file is binary. */
export function looksBinary(sample: Uint8Array): boolean {
  return sample.includes(0);
}

/** What `--encoding` accepts: `gbk` is an alias of `gb18030` (GB18030 is a superset of GBK). */
export const ENCODING_CHOICES = ['utf-8', 'gb18030', 'gbk'] as const;

export function encodingOption(s: string | undefined): Encoding | undefined {
  if (s === 'utf-8') return 'utf-8';
  if (s === 'gb18030' || s === 'gbk') return 'gb18030';
  return undefined;
}
