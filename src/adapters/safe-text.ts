/**
 * User data (names, 票箱, 备注, file names) shown to a person must never steer the terminal or the page:
 * control characters (C0, DEL, C1 — an ANSI escape starts with ESC), bidi controls that reorder what follows
 * (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), line/paragraph separators and invisible characters
 * (zero-width U+200B–U+200D, U+2060–U+2064, U+FEFF, soft hyphen U+00AD) are shown as `\uXXXX`, so what is
 * printed is what the file holds and one message stays one line.
 */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

function escapeOne(ch: string): string {
  return `\\u${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `s` with every unsafe character shown as `\uXXXX` (see above); safe text is returned unchanged. */
export function showControls(s: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(s) ? s.replace(UNSAFE, escapeOne) : s;
}
