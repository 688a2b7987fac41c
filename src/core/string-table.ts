/**
 * A set of strings, each with a dense id (0, 1, 2 … in order of first insertion) and one integer of the
 * caller's, kept in typed arrays: no object per key (issue 17). A district re-count (`batch`) indexes a
 * roll of tens of thousands of voters per election; as a Map of strings every name survived the young
 * generation and was promoted, and the old generation filled with dead rolls. Pure.
 */

const EMPTY = -1;

/** FNV-1a over the UTF-16 units of s. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function grown<T extends Uint16Array | Int32Array | Uint32Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = make(n);
  b.set(a);
  return b;
}

export class StringTable {
  /** The keys' UTF-16 units, one after another; key id ends at ends[id]. */
  private units = new Uint16Array(1024);
  private ends = new Int32Array(64);
  private hashes = new Uint32Array(64);
  private values = new Int32Array(64);
  /** Open addressing: key id per slot, EMPTY when free; at most half full. */
  private slots = new Int32Array(128).fill(EMPTY);
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
    const start = this.start(id);
    this.units = grown(this.units, start + key.length, (k) => new Uint16Array(k));
    for (let i = 0; i < key.length; i++) this.units[start + i] = key.charCodeAt(i);
    this.ends = grown(this.ends, this.n, (k) => new Int32Array(k));
    this.hashes = grown(this.hashes, this.n, (k) => new Uint32Array(k));
    this.values = grown(this.values, this.n, (k) => new Int32Array(k));
    this.ends[id] = start + key.length;
    this.hashes[id] = h;
    this.values[id] = value;
    this.slots[this.free] = id;
    if (this.n * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** The integer kept with key id. */
  value(id: number): number {
    this.check(id);
    return this.values[id] as number;
  }

  setValue(id: number, value: number): void {
    this.check(id);
    this.values[id] = value;
  }

  private check(id: number): void {
    if (!(id >= 0 && id < this.n)) throw new Error(`StringTable: no key ${id}`);
  }

  private start(id: number): number {
    return id === 0 ? 0 : (this.ends[id - 1] as number);
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
      if (this.hashes[id] === h && this.equals(id, key)) return id;
    }
  }

  private equals(id: number, key: string): boolean {
    const start = this.start(id);
    if ((this.ends[id] as number) - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.units[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let id = 0; id < this.n; id++) {
      let slot = (this.hashes[id] as number) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}
