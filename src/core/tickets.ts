/**
 * Duplicate-票号 detection with memory that stays small for millions of ballots: numeric tickets (the
 * normal case: 000001 …) go into paged bitsets per ticket length (1 bit per possible number), anything
 * else into a Map. Pure.
 */
export interface TicketRegistry {
  /**
   * Record a ticket; returns the earlier place if known, `''` if seen at an unknown place, undefined if
   * new. `where` is only called when the place has to be remembered (not on the numeric fast path).
   */
  add(ticket: string, where: string | (() => string)): string | undefined;
  /** A 票号 of `length` digits (at most 15) whose value is `n`: as `add`, without a string to parse. */
  addNumber?(length: number, n: number): string | undefined;
}

const PAGE_BITS = 16;
const DIGITS = /^\d+$/u; // 65 536 numbers per page → 8 KiB

export class CompactTicketRegistry implements TicketRegistry {
  private readonly pages = new Map<string, Uint8Array>();
  private readonly other = new Map<string, string>();
  /** The page used last: consecutive 票号 nearly always share one. */
  private lastLength = 0;
  private lastNo = 0;
  private lastPage: Uint8Array | undefined;

  add(ticket: string, where: string | (() => string)): string | undefined {
    if (ticket.length <= 15 && DIGITS.test(ticket)) return this.addNumber(ticket.length, Number(ticket));
    const prev = this.other.get(ticket);
    if (prev !== undefined) return prev;
    this.other.set(ticket, typeof where === 'string' ? where : where());
    return undefined;
  }

  addNumber(length: number, n: number): string | undefined {
    const page = Math.floor(n / 2 ** PAGE_BITS);
    const bit = n - page * 2 ** PAGE_BITS;
    let p: Uint8Array | undefined;
    if (this.lastPage !== undefined && this.lastLength === length && this.lastNo === page) p = this.lastPage;
    else {
      const key = `${length}:${page}`;
      p = this.pages.get(key);
      if (!p) {
        p = new Uint8Array(2 ** PAGE_BITS / 8);
        this.pages.set(key, p);
      }
      this.lastPage = p;
      this.lastLength = length;
      this.lastNo = page;
    }
    const byte = bit >>> 3;
    const mask = 1 << (bit & 7);
    const cur = p[byte] ?? 0;
    if (cur & mask) return '';
    p[byte] = cur | mask;
    return undefined;
  }
}
