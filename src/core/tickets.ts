/**
 * Duplicate-票号 detection with memory that stays small for millions of ballots: numeric tickets (the
 * normal case: 000001 …) go into paged bitsets per ticket length (1 bit per possible number), anything
 * else into a Map. Pure.
 */
import type { RowPlace } from './errors.js';
import { must } from './must.js';

export interface TicketRegistry {
  /**
   * Record a ticket; returns the earlier place if known, `null` if seen at a place not remembered,
   * undefined if new. `where` is only called when the place has to be remembered (not on the numeric path).
   */
  add(ticket: string, where: RowPlace | (() => RowPlace)): RowPlace | null | undefined;
  /** A 票号 of `length` digits (at most 15) whose value is `n`: as `add`, without a string to parse. */
  addNumber?(length: number, n: number): null | undefined;
}

/** 65 536 numbers per page → 8 KiB. A literal: `2 ** 16` from a module constant was computed on every call (~0.1 s per 1M ballots, issue 17). */
const PAGE_SIZE = 65_536;
const DIGITS = /^\d+$/u;

/** The page of a 票号's number (up to 15 digits: beyond 31 bits, by division instead of a shift). */
function pageOf(n: number): number {
  return n < 0x8000_0000 ? n >>> 16 : Math.floor(n / PAGE_SIZE);
}

export class CompactTicketRegistry implements TicketRegistry {
  private readonly pages = new Map<string, Uint8Array>();
  private readonly other = new Map<string, RowPlace>();
  /** The page used last: consecutive 票号 nearly always share one. */
  private lastLength = 0;
  private lastNo = 0;
  private lastPage: Uint8Array | undefined;

  add(ticket: string, where: RowPlace | (() => RowPlace)): RowPlace | null | undefined {
    if (ticket.length <= 15 && DIGITS.test(ticket)) return this.addNumber(ticket.length, Number(ticket));
    const prev = this.other.get(ticket);
    if (prev !== undefined) return prev;
    this.other.set(ticket, typeof where === 'function' ? where() : where);
    return undefined;
  }

  /** Has this 票号 been added? (Only for messages about a ruling's 票号; not on the hot path.) */
  has(ticket: string): boolean {
    if (ticket.length <= 15 && DIGITS.test(ticket)) {
      const n = Number(ticket);
      const page = pageOf(n);
      const bit = n - page * PAGE_SIZE;
      const p = this.pages.get(`${ticket.length}:${page}`);
      return p !== undefined && (must(p[bit >>> 3], 'a byte of a page') & (1 << (bit & 7))) !== 0;
    }
    return this.other.has(ticket);
  }

  /**
   * A 票号 that a spreadsheet stripped of its leading zeros (`13` for `000013`): the one added ballot with
   * the same digits after zero padding, if any.
   */
  padded(ticket: string): string | undefined {
    if (!DIGITS.test(ticket)) return undefined;
    for (let len = ticket.length + 1; len <= 15; len++) {
      const t = ticket.padStart(len, '0');
      if (this.has(t)) return t;
    }
    return undefined;
  }

  addNumber(length: number, n: number): null | undefined {
    const page = pageOf(n);
    const bit = n - page * PAGE_SIZE;
    let p: Uint8Array | undefined;
    if (this.lastPage !== undefined && this.lastLength === length && this.lastNo === page) p = this.lastPage;
    else {
      const key = `${length}:${page}`;
      p = this.pages.get(key);
      if (!p) {
        p = new Uint8Array(PAGE_SIZE / 8);
        this.pages.set(key, p);
      }
      this.lastPage = p;
      this.lastLength = length;
      this.lastNo = page;
    }
    const byte = bit >>> 3;
    const mask = 1 << (bit & 7);
    const cur = must(p[byte], 'a byte of a page'); // bit < 2^16: always inside the 8 KiB page
    if (cur & mask) return null;
    p[byte] = cur | mask;
    return undefined;
  }
}

const RUNS = /\d+|\D+/gu;

/** Compare two digit runs by value (leading zeros ignored): length, then digits. */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/u, '');
  const y = b.replace(/^0+/u, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order of 票号 (疑难选票 编号, issue 13): a total order, so the numbering never depends on the order
 * of rows. Numeric-aware — runs of digits compare by value (`9` < `10` < `10a` < `11`), a digit run
 * before a non-digit run, other runs by code point — then, for 票号 equal so far (`01` and `1`), by code
 * point of the whole 票号. Lexicographic over runs with a total preorder on runs is a total preorder; the
 * final code-point tie-break makes it a total order (equal only for equal strings).
 */
export function compareTickets(a: string, b: string): number {
  if (a === b) return 0;
  const ra = a.match(RUNS) ?? [];
  const rb = b.match(RUNS) ?? [];
  const n = Math.min(ra.length, rb.length);
  for (let i = 0; i < n; i++) {
    const x = ra[i] as string;
    const y = rb[i] as string;
    const dx = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
    const dy = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
    const c = dx && dy ? compareDigits(x, y) : dx !== dy ? (dx ? -1 : 1) : byCodePoint(x, y);
    if (c !== 0) return c;
  }
  return ra.length - rb.length || byCodePoint(a, b);
}

/** 票号 order: a total order (numeric-aware, then code point). */
export function byTicket(a: { ticket: string }, b: { ticket: string }): number {
  return compareTickets(a.ticket, b.ticket);
}
