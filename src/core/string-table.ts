/**
 * A set of strings, each with a dense id (0, 1, 2 … in order of first insertion) and one integer of the
 * caller's, kept in typed arrays: no object per key (issue 17). A district re-count (`batch`) indexes a
 * roll of tens of thousands of voters per election; as a Map of strings every name survived the young
 * generation and was promoted, and the old generation filled with dead rolls. The arrays grow by pages,
 * never copied, so growing leaves no garbage but the hash slots. Pure.
 */

const EMPTY = -1;
/** Keys per page of key records: [start, length, hash, value] each. */
const KEY_PAGE_BITS = 10;
const KEY_PAGE = 1 << KEY_PAGE_BITS;
const RECORD = 4;
/** UTF-16 units per page of key text (a longer key gets a page of its own); a key's start is page × UNIT_PAGE + offset. */
const UNIT_PAGE = 1 << 13;

/** FNV-1a over the UTF-16 units of s. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

export class StringTable {
  private readonly keyPages: Int32Array[] = [];
  private readonly unitPages: Uint16Array[] = [];
  /** The unit page being filled (-1: none yet), and units used in it. */
  private unitPage = -1;
  private unitsUsed = 0;
  /** Open addressing: key id per slot, EMPTY when free; at most half full. */
  private slots = new Int32Array(64).fill(EMPTY);
  private n = 0;
  /** Where the last failed lookup would have put its key. */
  private free = 0;

  /** Number of keys. */
  get size(): number {
    return this.n;
  }

  /** The id of key, or -1 when it is not in the table. */
  find(key: string): number {
    return this.lookup(key, hashOf(key));
  }

  /** The id of key, added (with value) when it is new; `size` tells which (a new key's id is size - 1). */
  add(key: string, value: number): number {
    const h = hashOf(key);
    const found = this.lookup(key, h);
    if (found !== EMPTY) return found;
    const id = this.n++;
    if (id >>> KEY_PAGE_BITS === this.keyPages.length) this.keyPages.push(new Int32Array(KEY_PAGE * RECORD));
    const page = this.keyPages[id >>> KEY_PAGE_BITS] as Int32Array;
    const at = (id & (KEY_PAGE - 1)) * RECORD;
    page[at] = this.store(key);
    page[at + 1] = key.length;
    page[at + 2] = h;
    page[at + 3] = value;
    this.slots[this.free] = id;
    if (this.n * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** Forget every key, keeping the memory for the next ones (a table reused, e.g. roll after roll). */
  clear(): void {
    this.n = 0;
    this.unitPage = -1;
    this.unitsUsed = 0;
    this.slots.fill(EMPTY);
  }

  /** The integer kept with key id (given when it was added). */
  value(id: number): number {
    if (!(Number.isInteger(id) && id >= 0 && id < this.n)) throw new Error(`StringTable: no key ${id}`);
    return (this.keyPages[id >>> KEY_PAGE_BITS] as Int32Array)[(id & (KEY_PAGE - 1)) * RECORD + 3] as number;
  }

  /** Copy key's units into the unit pages; returns where they start. */
  private store(key: string): number {
    if (this.unitPage < 0 || this.unitsUsed + key.length > UNIT_PAGE) this.nextUnitPage(key.length);
    const p = this.unitPage;
    const units = this.unitPages[p] as Uint16Array;
    for (let i = 0; i < key.length; i++) units[this.unitsUsed + i] = key.charCodeAt(i);
    const start = p * UNIT_PAGE + this.unitsUsed;
    this.unitsUsed += key.length;
    return start;
  }

  /** Move on to a unit page that can hold `length` units: the next one kept, or a new one. */
  private nextUnitPage(length: number): void {
    this.unitPage++;
    this.unitsUsed = 0;
    const kept = this.unitPages[this.unitPage];
    const size = Math.max(UNIT_PAGE, length);
    if (kept === undefined) this.unitPages.push(new Uint16Array(size));
    else if (kept.length < size) this.unitPages[this.unitPage] = new Uint16Array(size);
  }

  /** The id of key, or EMPTY (and `free` is the slot where it would go). */
  private lookup(key: string, h: number): number {
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot] as number;
      if (id === EMPTY) {
        this.free = slot;
        return EMPTY;
      }
      if (this.hashOfId(id) === h && this.equals(id, key)) return id;
    }
  }

  private hashOfId(id: number): number {
    return (this.keyPages[id >>> KEY_PAGE_BITS] as Int32Array)[(id & (KEY_PAGE - 1)) * RECORD + 2] as number;
  }

  private equals(id: number, key: string): boolean {
    const page = this.keyPages[id >>> KEY_PAGE_BITS] as Int32Array;
    const at = (id & (KEY_PAGE - 1)) * RECORD;
    if (page[at + 1] !== key.length) return false;
    const start = page[at] as number;
    const units = this.unitPages[Math.floor(start / UNIT_PAGE)] as Uint16Array;
    const offset = start % UNIT_PAGE;
    for (let i = 0; i < key.length; i++) if (units[offset + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let id = 0; id < this.n; id++) {
      let slot = this.hashOfId(id) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}
