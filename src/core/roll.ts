/**
 * The voter roll as the count needs it (SPEC §2.3): the registered count and who a written name can
 * mean (另选 must be a registered voter, 规程 第三十四条). Full roll checks live in rollcheck.ts.
 */
import { normalizeName, personKey } from './names.js';

export interface RollEntry {
  /** Normalised 姓名 ('' when missing). */
  readonly name: string;
  readonly voterId?: string | undefined;
  readonly gender?: string | undefined;
  readonly birthDate?: string | undefined;
  readonly idNumber?: string | undefined;
  readonly group?: string | undefined;
  readonly proxy?: string | undefined;
  /** 1-based line in the roll file. */
  readonly line: number;
}

/** Who a written name names on the roll. */
export type RollMatch =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly person: string }
  | { readonly kind: 'many'; readonly candidates: readonly string[] };

export class RollIndex {
  private readonly byName = new Map<string, string | undefined | (string | undefined)[]>();
  private readonly groupNames = new Set<string>();
  private n = 0;

  /** Build from entries, or empty to be filled one entry at a time with `add` (streaming a large roll). */
  constructor(entries: Iterable<Pick<RollEntry, 'name' | 'group'>> = []) {
    for (const e of entries) this.add(e);
  }

  /** Registered voters: every roll row, including rows without a name. */
  get size(): number {
    return this.n;
  }

  add(e: Pick<RollEntry, 'name' | 'group'>): void {
    this.n++;
    if (e.name === '') return;
    const g = e.group === undefined ? undefined : normalizeName(e.group) || undefined;
    if (g !== undefined) this.groupNames.add(g);
    // Most names are unique: store the group alone, an array only for homonyms (memory for big rolls).
    if (!this.byName.has(e.name)) this.byName.set(e.name, g);
    else {
      const cur = this.byName.get(e.name);
      if (Array.isArray(cur)) cur.push(g);
      else this.byName.set(e.name, [cur, g]);
    }
  }

  private groups(name: string): (string | undefined)[] | undefined {
    if (!this.byName.has(name)) return undefined;
    const cur = this.byName.get(name);
    return Array.isArray(cur) ? cur : [cur];
  }

  /** Does some roll entry belong to this (normalised) 居民小组? (SPEC §2.2 item 3) */
  hasGroup(group: string): boolean {
    return this.groupNames.has(group);
  }

  /** Number of roll entries with this (normalised) name. */
  count(name: string): number {
    return this.groups(name)?.length ?? 0; // a name not on the roll: 0 people
  }

  /**
   * Resolve `name` or `name(group)`: unique name → that person (named `name`); a homonym needs the
   * group, and is then named `name(group)`; a group that matches no entry of that name is not a match.
   */
  match(name: string, group: string | undefined): RollMatch {
    const groups = this.groups(name);
    if (!groups || groups.length === 0) return { kind: 'none' };
    const keys = groups.map((g) => personKey(name, g));
    if (groups.length === 1) {
      if (group === undefined || groups[0] === group) return { kind: 'one', person: name };
      return { kind: 'many', candidates: keys };
    }
    if (group === undefined) return { kind: 'many', candidates: keys };
    const hits = groups.filter((g) => g === group).length;
    if (hits === 1) return { kind: 'one', person: personKey(name, group) };
    return { kind: 'many', candidates: keys };
  }
}
