/**
 * Encoding detection (SPEC §2.2): UTF-8 with or without BOM, else GB18030/GBK (what Excel on a Chinese
 * Windows saves). UTF-8 is always decoded with `fatal: true`: GBK bytes read as UTF-8 would silently
 * become U+FFFD, so a file that is not valid UTF-8 is never read as UTF-8.
 */
import { isUtf8 } from 'node:buffer';
import { type InputError, inputError } from '../../core/index.js';

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

/**
 * UTF-8 when the sample is valid UTF-8 — or nearly: a file of mostly valid multi-byte UTF-8 with a stray
 * bad byte is a damaged UTF-8 file (its bad byte is then reported with line and column), not GBK (GBK
 * text read as UTF-8 is invalid almost everywhere, never only here and there).
 */
export function detectEncoding(sample: Uint8Array): Encoding {
  if (hasUtf8Bom(sample)) return 'utf-8';
  const cut = utf8Boundary(sample);
  if (isUtf8(cut)) return 'utf-8';
  const text = new TextDecoder('utf-8').decode(cut);
  let bad = 0;
  let wide = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') bad++;
    else if (ch.charCodeAt(0) > 0x7f) wide++;
  }
  return wide >= 8 * bad ? 'utf-8' : 'gb18030';
}

/** The message for bytes that are not valid in the encoding in force (never advice to use it again). */
export function invalidBytesMessage(encoding: Encoding, chosen = false): string {
  if (encoding === 'gb18030')
    return '文件中有不是有效 GBK/GB18030 编码的字节 (文件可能已损坏); 请检查此处, 或在 Excel 中另存为 UTF-8 或 GBK 编码的 CSV';
  return chosen
    ? '文件中有不是有效 UTF-8 编码的字节 (文件可能已损坏); 若文件是 GBK 编码, 请改用 --encoding gb18030'
    : '文件中有不是有效 UTF-8 编码的字节 (文件可能已损坏, 或混有其他编码的内容); 若整个文件是 GBK 编码, 可用 --encoding gb18030';
}

/** UTF-16 (what "Unicode 文本" in Excel saves): a BOM, or the NUL of every other byte of ASCII text. */
export function isUtf16(sample: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'UTF-16LE';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'UTF-16BE';
  const pairs = Math.min(sample.length >> 1, 512);
  if (pairs < 2) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) even++;
    if (sample[2 * i + 1] === 0) odd++;
  }
  if (odd * 2 > pairs && even === 0) return 'UTF-16LE';
  if (even * 2 > pairs && odd === 0) return 'UTF-16BE';
  return undefined;
}

/** A text encoding jipiao does not read, named (checked before the binary check: UTF-16 is full of NULs). */
export function encodingProblem(sample: Uint8Array, file: string): InputError | undefined {
  const utf16 = isUtf16(sample);
  if (utf16 === undefined) return undefined;
  return inputError(
    'ENCODING_UTF16',
    `文件是 ${utf16} 编码 (Excel 的 "Unicode 文本"), jipiao 不读此编码; 请另存为 UTF-8 或 GBK 编码的 CSV`,
    { file },
  );
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
