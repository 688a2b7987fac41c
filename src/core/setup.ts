/**
 * Setting up an election (`jipiao init`): the answers (or a 候选人 sheet `职务,应选人数,候选人`) become
 * the election.json document and the headers of the ballot templates. Pure: rows in, plain data out.
 */
import type { RawRow } from './ballot.js';
import { type Election, type Office, competitiveRange } from './model.js';
import { splitNames } from './names.js';
import { type InputError, type Result, err, factError, ok } from './result.js';
import { must } from './must.js';

/** The answers: the fields of election.json (issued 0 until the election day), 届次 and an optional title. */
export interface SetupAnswers extends Pick<
  Election,
  'community' | 'date' | 'method' | 'mode' | 'round' | 'registered' | 'issued' | 'offices'
> {
  /** 届次 as written after 第…届 (九, 10). */
  readonly term?: string | undefined;
  readonly title?: string | undefined;
}

/**
 * The 候选人 sheet: `职务,应选人数,候选人`, one candidate per row (or several in one cell, separated
 * by 、). 职务 and 应选人数 may be left empty on the rows after an office's first row (merged cells).
 */
export function officesFromRows(rows: readonly RawRow[], file: string): Result<Office[]> {
  const [header, ...body] = rows;
  if (!header) return err([factError('CANDIDATES_EMPTY', { noHeader: true }, { file, line: 1 })]);
  const col = (k: string): number =>
    header.cells.findIndex(
      (h) =>
        h
          .normalize('NFKC')
          .replace(/^\uFEFF/u, '')
          .trim() === k,
    );
  const [o, s, c] = [col('职务'), col('应选人数'), col('候选人')];
  const missing = (['职务', '应选人数', '候选人'] as const).filter((_, i) => [o, s, c][i] === -1);
  if (missing.length > 0) {
    return err([factError('CANDIDATES_MISSING_COLUMN', { missing }, { file, line: header.line })]);
  }
  const errors: InputError[] = [];
  const offices: { name: string; seats: number | undefined; candidates: string[] }[] = [];
  for (const r of body) {
    const cell = (i: number): string => (r.cells[i] ?? '').trim(); // a short row: the cell is empty
    if (r.cells.every((x) => x.trim() === '')) continue;
    const name = cell(o) || offices[offices.length - 1]?.name;
    if (name === undefined) {
      errors.push(factError('CANDIDATES_NO_OFFICE', {}, { file, line: r.line, column: o + 1 }));
      continue;
    }
    let office = offices.find((x) => x.name === name);
    if (!office) offices.push((office = { name, seats: undefined, candidates: [] }));
    const seatsText = cell(s);
    if (seatsText !== '') {
      const n = /^\d+$/u.test(seatsText) ? Number(seatsText) : NaN;
      if (!Number.isSafeInteger(n) || n < 1)
        errors.push(factError('CANDIDATES_BAD_SEATS', { text: seatsText }, { file, line: r.line, column: s + 1 }));
      else if (office.seats !== undefined && office.seats !== n) {
        errors.push(
          factError('CANDIDATES_SEATS_DIFFER', { office: name, before: office.seats, now: n }, { file, line: r.line, column: s + 1 }),
        );
      } else office.seats = n;
    }
    office.candidates.push(...splitNames(cell(c)));
  }
  for (const x of offices) {
    if (x.seats === undefined) errors.push(factError('CANDIDATES_NO_SEATS', { office: x.name }, { file, key: x.name }));
    if (x.candidates.length === 0) errors.push(factError('CANDIDATES_NONE', { office: x.name }, { file, key: x.name }));
  }
  if (offices.length === 0 && errors.length === 0) errors.push(factError('CANDIDATES_EMPTY', { noHeader: false }, { file, line: 2 }));
  return errors.length > 0
    ? err(errors)
    : ok(offices.map((x) => ({ name: x.name, seats: must(x.seats, 'the seats of an office without errors'), candidates: x.candidates })));
}

/**
 * The 差额 rule checked before anything is printed (规程 第二十二条: 主任、副主任候选人比应选名额多一人,
 * 委员多一至三人); `count` would otherwise find the election invalid (NOT_COMPETITIVE).
 */
export function competitiveErrors(offices: readonly Office[], file: string): InputError[] {
  return offices.flatMap((o, i) => {
    const { min, max } = competitiveRange(o);
    const n = o.candidates.length;
    if (n >= min && n <= max) return [];
    // 规程 第二十二条; the sentence is made at the edge (adapters/messages.ts).
    return [
      factError('SETUP_NOT_COMPETITIVE', { office: o.name, seats: o.seats, candidates: n, min, max }, { file, key: `offices[${i}]` }),
    ];
  });
}

export function electionTitle(a: Pick<SetupAnswers, 'community' | 'term' | 'title'>): string {
  if (a.title !== undefined && a.title.trim() !== '') return a.title.trim();
  const term = a.term === undefined || a.term.trim() === '' ? '' : `第${a.term.trim().replace(/^第|届$/gu, '')}届`;
  return `${a.community?.trim() ?? ''}${term}居民委员会选举`; // no community given: the title without it
}

/** The election.json document (SPEC §2.1), keys in the SPEC's order. */
export function electionDocument(a: SetupAnswers): Record<string, unknown> {
  return {
    ...(a.community !== undefined && a.community.trim() !== '' ? { community: a.community.trim() } : {}),
    title: electionTitle(a),
    date: a.date,
    method: a.method,
    mode: a.mode,
    round: a.round,
    ...(a.registered !== undefined ? { registered: a.registered } : {}),
    issued: a.issued,
    offices: a.offices.map((o) => ({ name: o.name, seats: o.seats, candidates: [...o.candidates] })),
  };
}

export type TemplateLayout = 'grid' | 'names';

/**
 * The header of a ballots template (SPEC §2.2). Grid: a mark column per printed candidate, then as
 * many 另选 columns as seats (a voter may write in up to that many names, 规程 第三十四条); names: one
 * column per office.
 */
export function templateHeader(offices: readonly Office[], layout: TemplateLayout): string[] {
  const body =
    layout === 'names'
      ? offices.map((o) => o.name)
      : offices.flatMap((o) => [
          ...o.candidates.map((c) => `${o.name}:${c}`),
          ...Array.from({ length: o.seats }, (_, i) => `${o.name}:另选${i + 1}`),
        ]);
  return ['票号', '票箱', ...body, '状态', '备注'];
}

/** Kinds of template column (for the spreadsheet: which cells get which drop-down). */
export function columnKind(header: string): 'ticket' | 'box' | 'mark' | 'writeIn' | 'names' | 'status' | 'note' {
  if (header === '票号') return 'ticket';
  if (header === '票箱') return 'box';
  if (header === '状态') return 'status';
  if (header === '备注') return 'note';
  if (/:另选\d+$/u.test(header)) return 'writeIn';
  return header.includes(':') ? 'mark' : 'names';
}
