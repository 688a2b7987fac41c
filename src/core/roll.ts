/**
 * The voter roll as the count needs it (SPEC §2.3): the registered count and who a written name can
 * mean (另选 must be a registered voter, 规程 第三十四条). Full roll checks live in rollcheck.ts.
 */
import { must } from './must.js';
import { normalizeName, personKey } from './names.js';
import { StringTable } from './string-table.js';

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

/** The group code of a voter without a 居民小组. */
const NO_GROUP = -1;

export class RollIndex {
  /**
   * Name → id, kept with the first voter's group code (issue 17: typed arrays, no object per voter — a
   * district of rolls in one process otherwise fills the old generation).
   */
  private readonly names = new StringTable();
  /** Group codes of further voters with the same name, by name id (homonyms: few). */
  private readonly homonyms = new Map<number, number[]>();
  /** 居民小组 → code, and back. */
  private readonly groupCodes = new Map<string, number>();
  private readonly groupNames: string[] = [];
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
    const code = g === undefined ? NO_GROUP : this.groupCode(g);
    const known = this.names.size;
    const id = this.names.add(e.name, code);
    if (id < known) {
      const more = this.homonyms.get(id);
      if (more) more.push(code);
      else this.homonyms.set(id, [code]);
    }
  }

  private groupCode(group: string): number {
    let code = this.groupCodes.get(group);
    if (code === undefined) {
      code = this.groupNames.push(group) - 1;
      this.groupCodes.set(group, code);
    }
    return code;
  }

  private groups(name: string): (string | undefined)[] | undefined {
    const id = this.names.find(name);
    if (id < 0) return undefined;
    const codes = [this.names.value(id), ...(this.homonyms.get(id) ?? [])];
    return codes.map((c) => (c === NO_GROUP ? undefined : must(this.groupNames[c], 'a 居民小组 of the roll')));
  }

  /** Does some roll entry belong to this (normalised) 居民小组? (SPEC §2.2 item 3) */
  hasGroup(group: string): boolean {
    return this.groupCodes.has(group);
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
