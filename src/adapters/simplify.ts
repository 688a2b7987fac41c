/**
 * OpenCC traditional → simplified (mainland) for the core's near-name check (SPEC §2.2 item 5). opencc-js
 * and its tables load on the first written name that needs them — not at start-up, not for a count whose
 * written names are all known persons (issue 17). Its CommonJS build is required synchronously, so the
 * core's check stays synchronous.
 */
import { createRequire } from 'node:module';
import type { ToSimplified } from '../core/index.js';

type OpenCC = typeof import('opencc-js/t2cn');

let convert: ToSimplified | undefined;

/** OpenCC `t → cn`; loads opencc-js on its first call. */
export function openccToSimplified(s: string): string {
  const c = (convert ??= (createRequire(import.meta.url)('opencc-js/t2cn') as OpenCC).Converter({ from: 't', to: 'cn' }));
  return c(s);
}
