/**
 * hadolint's DL codes (its README's rule table), and those that no Docker Harden rule carries, each with the reason.
 * `npm run docs` lists every code in docs/rules/README.md with the rule that carries it or the reason it is declined
 * (test/docs/hadolint-codes.test.ts checks that each is one or the other), and scripts/hadolint-parity.ts leaves the
 * declined codes' cases out of the agreement it measures.
 */
export const HADOLINT_DL_CODES: readonly string[] = [
  'DL1001',
  ...[0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 32, 33, 34, 35, 36, 37, 38, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67].map(
    (n) => `DL${3000 + n}`,
  ),
  'DL4000',
  'DL4001',
  'DL4003',
  'DL4004',
  'DL4005',
  'DL4006',
];

export const DECLINED_HADOLINT_CODES: Readonly<Record<string, string>> = {
  DL1001:
    'It flags every `# hadolint ignore=` comment: a policy about suppressions, not about the Dockerfile. Suppressions here are deliberate and reviewed like code; a project that forbids them sets `disable-ignore-pragma: true` in `.hadolint.yaml`, which is honoured.',
  DL3010:
    'It asks for `ADD` to unpack a local archive that a `RUN tar -x` unpacks. `ADD`\'s implicit unpacking is what `dockerfile/copy-not-add` steers away from (a file renamed to `.tar.gz` is silently unpacked), and the archive-free layer is better had with `RUN --mount=type=bind,source=app.tar,target=/tmp/app.tar tar -xf /tmp/app.tar`, which keeps the archive out of every layer. hadolint also fires on any `tar -x` of a file whose name was copied earlier, wherever it came from.',
};
