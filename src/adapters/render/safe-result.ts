/**
 * A result made safe for the terminal (issue 13): every string in it — names, 票箱, 备注, file names,
 * office names, and the keys that are office names — with control, bidi and invisible characters shown
 * as `\uXXXX` (safe-text.ts), so that no user data can steer the terminal or split a line. The walk goes
 * over the result's fixed shape (a few levels deep) and loops over its lists, so it never recurses as
 * deep as the data is long. Plain data in, a copy out; safe text is returned as is.
 */
import { showControls } from '../safe-text.js';

export function showControlsDeep<T>(x: T): T {
  if (typeof x === 'string') return showControls(x) as T;
  if (Array.isArray(x)) {
    const out: unknown[] = new Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = showControlsDeep(x[i] as unknown);
    return out as T;
  }
  if (typeof x === 'object' && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[showControls(k)] = showControlsDeep(v as unknown);
    return out as T;
  }
  return x;
}
