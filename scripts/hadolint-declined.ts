/**
 * hadolint DL codes that no Docker Harden rule carries, each with the reason. `npm run docs` lists them in
 * docs/rules/README.md, and scripts/hadolint-parity.ts leaves their cases out of the agreement it measures.
 */
export const DECLINED_HADOLINT_CODES: Readonly<Record<string, string>> = {};
