/**
 * Safety is earned by evidence: one place decides, for every rule, whether a fix may be applied unseen. A fix is safe
 * only when its rule says so and every assumption it states has evidence; otherwise it is unsafe and its title says
 * what to verify (the editor's preview and `fix --dry-run` show the same list).
 */
import type { Assumption, Fix } from './types';

/** The claims of a fix that have no evidence. */
export function unverified(fix: Pick<Fix, 'assumptions'>): string[] {
  return (fix.assumptions ?? []).filter((assumption) => !assumption.evidence).map((assumption) => assumption.claim);
}

/** The fix as the linter hands it out: unsafe when a claim has no evidence, with "verify: ..." in its title. */
export function settleFix(fix: Fix): Fix {
  const open = unverified(fix);
  if (open.length === 0) return fix;
  return { ...fix, safe: false, title: `${fix.title} (verify: ${open.join('; ')})` };
}

/** An assumption known from `evidence` when it is given, else a guess. */
export function assume(claim: string, evidence: string | undefined): Assumption {
  return evidence ? { claim, evidence } : { claim };
}
