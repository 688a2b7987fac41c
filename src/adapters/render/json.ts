/**
 * `--format json` (SPEC §5). The first keys of every object are a contract other systems read
 * (`jipiao compare`, district systems) — never rename or reorder them; extra fields follow them.
 * Deterministic: every object is built here key by key (never by spreading a core object whose key
 * order could drift), arrays keep the core's stable orders, no timestamp unless --now is given;
 * 2-space indent and a trailing newline.
 */
import { SCHEMA, TOOL, type CountResult, describeUnclear, isFinal } from '../../core/index.js';
import { presidingText } from '../vocabulary.js';
import type { RenderContext } from './context.js';
import { talliedJson } from './tallied.js';

export type { RenderContext } from './context.js';

export function resultToJson(r: CountResult, ctx: RenderContext): Record<string, unknown> {
  const e = r.election;
  return {
    schema: SCHEMA,
    tool: TOOL,
    inputs: ctx.inputs.map((i) => ({ file: i.file, sha256: i.sha256, role: i.role })),
    election: electionJson(e),
    ballots: {
      registered: r.ballots.registered,
      issued: r.ballots.issued,
      returned: r.ballots.returned,
      valid: r.ballots.valid,
      blank: r.ballots.blank,
      partial: r.ballots.partial,
      invalid: r.ballots.invalid,
      disputed: r.ballots.disputed,
    },
    validity: {
      valid: r.validity.valid,
      failed: [...r.validity.failed],
      checks: r.validity.checks.map((c) => ({ code: c.code, passed: c.passed, office: c.office ?? null, text: c.text })),
    },
    people: r.people.map((p) => ({
      name: p.name,
      printed: p.printed,
      votes: Object.fromEntries(e.offices.map((o) => [o.name, p.votes[o.name] ?? 0])),
      total: p.total,
      majority: p.majority,
      elected: p.elected,
    })),
    elected: r.elected.map((x) => ({ office: x.office, name: x.name, votes: x.votes, total: x.total })),
    revote: r.revote.map((x) => ({ office: x.office, seats: x.seats, names: [...x.names] })),
    runoff: r.runoff.map((x) => ({ office: x.office, seats: x.seats, candidates: [...x.candidates], tieAtCutoff: x.tieAtCutoff })),
    vacant: r.vacant.map((x) => ({ office: x.office, seats: x.seats })),
    provisional: r.provisional,
    // Extra fields (may grow; the ones above never change name).
    final: isFinal(r),
    presiding: r.presiding === null ? null : presidingText(r.presiding),
    margin: r.margin ? { pending: r.margin.pending, stable: r.margin.stable, atStake: [...r.margin.atStake] } : null,
    boxes: r.boxes.map((b) => ({
      box: b.box,
      ...(b.issued !== undefined ? { issued: b.issued } : {}),
      returned: b.returned,
      valid: b.valid,
      blank: b.blank,
      partial: b.partial,
      invalid: b.invalid,
      disputed: b.disputed,
    })),
    reasons: Object.fromEntries(
      Object.keys(r.reasons)
        .sort()
        .map((k) => [k, r.reasons[k as keyof typeof r.reasons] ?? 0]),
    ),
    offices: r.offices.map((o) => ({
      name: o.name,
      seats: o.seats,
      counted: o.counted,
      approvals: o.approvals,
      unused: o.unused,
      void: o.void,
      overvoted: o.overvoted,
      notVoter: o.notVoter,
      removed: o.removed,
      opposeKnown: o.opposeKnown,
      candidates: o.candidates.map((c) => ({ name: c.name, approve: c.approve, oppose: c.oppose, abstain: c.abstain })),
    })),
    disputes: r.disputes.map(disputeJson),
    rollChecked: r.rollChecked,
    warnings: [...r.warnings],
    ...(r.tallied ? { tallied: talliedJson(r.tallied) } : {}),
    ...(ctx.verification ? { verification: ctx.verification } : {}),
    ...(ctx.now !== undefined ? { generatedAt: ctx.now } : {}),
  };
}

/** The election as counted (its first keys are the contract `compare` reads). */
function electionJson(e: CountResult['election']): Record<string, unknown> {
  return {
    title: e.title,
    round: e.round,
    mode: e.mode,
    method: e.method,
    community: e.community ?? null,
    date: e.date,
    offices: e.offices.map((o) => ({ name: o.name, seats: o.seats, candidates: [...o.candidates] })),
    rules: { writeInWithoutMark: e.rules.writeInWithoutMark, maxProxies: e.rules.maxProxies, ...localMarks(e.rules) },
    previouslyElected: e.previouslyElected.map((p) => ({ office: p.office, name: p.name, total: p.total ?? null })),
  };
}

/** One disputed ballot, its unclear cells described, and the ruling applied (or null). */
function disputeJson(d: CountResult['disputes'][number]): Record<string, unknown> {
  return {
    no: d.no,
    ticket: d.ticket,
    box: d.box,
    file: d.file,
    line: d.line,
    note: d.note,
    issues: d.issues.map((u) => ({
      kind: u.kind,
      column: u.column,
      value: u.value,
      ...('matches' in u ? { matches: [...u.matches] } : {}),
      ...('problem' in u ? { problem: u.problem } : {}),
      ...('candidate' in u ? { candidate: u.candidate, why: u.why } : {}),
      text: describeUnclear(u),
    })),
    ruling: d.ruling
      ? {
          verdict: d.ruling.verdict,
          corrections: d.ruling.corrections.map((c) => ({ column: c.column, value: c.value })),
          vote: d.ruling.vote,
          reason: d.ruling.reason,
          file: d.ruling.file,
          line: d.ruling.line,
          finalClass: d.ruling.finalClass,
          reasons: [...d.ruling.reasons],
        }
      : null,
  };
}

/** `rules.approveMarks` / `rules.opposeMarks`, only when a locality set them (clean output unchanged). */
function localMarks(rules: CountResult['election']['rules']): { approveMarks?: string[]; opposeMarks?: string[] } {
  return {
    ...(rules.approveMarks && rules.approveMarks.length > 0 ? { approveMarks: [...rules.approveMarks] } : {}),
    ...(rules.opposeMarks && rules.opposeMarks.length > 0 ? { opposeMarks: [...rules.opposeMarks] } : {}),
  };
}

export function renderJson(r: CountResult, ctx: RenderContext): string {
  return `${JSON.stringify(resultToJson(r, ctx), null, 2)}\n`;
}
