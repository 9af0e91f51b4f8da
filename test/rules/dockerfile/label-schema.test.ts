import rule from '../../../engine/src/rules/dockerfile/label-schema';
import type { HadolintSettings } from '../../../engine/src/index';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const typed: HadolintSettings = {
  labelSchema: { author: 'text', docs: 'url', created: 'rfc3339', license: 'spdx', revision: 'hash', version: 'semver', contact: 'email' },
};
const one = (strictLabels?: boolean): HadolintSettings => ({ labelSchema: { owner: 'text' }, ...(strictLabels ? { strictLabels } : {}) });

ruleTester(rule, {
  valid: [
    // Without a schema the rule says nothing.
    'FROM alpine:3.20\n',
    {
      name: 'every type with a good value',
      code: source`
        FROM alpine:3.20
        LABEL author="Jane" docs="https://example.com/docs" created="2024-05-01T12:30:00+02:00" \
              license="Apache-2.0" revision="0123abc" version="1.2.3-rc.1+build.5" contact="ops@example.com"
      `,
      hadolint: typed,
    },
    { name: 'a 40-digit hash, a deprecated SPDX id with +, a fraction of a second', code: 'FROM a:1\nLABEL author=x docs=mailto:x@example.com created=2024-02-29T23:59:59.5Z license=GPL-2.0+ revision=0123456789abcdef0123456789abcdef01234567 version=0.0.1 contact=a.b+c@mail.example.org\n', hadolint: typed },
    { name: 'inherited from the stage it builds on', code: 'FROM alpine:3.20 AS base\nLABEL owner=team\nFROM base\n', hadolint: one() },
    { name: 'a stage copied from needs no labels', code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nLABEL owner=team\nCOPY --from=build /app /app\n', hadolint: one() },
    { name: 'a stage a labelled stage builds on needs none', code: 'FROM alpine:3.20 AS base\nFROM base\nLABEL owner=team\n', hadolint: one() },
    { name: 'other labels are fine without strict-labels', code: 'FROM alpine:3.20\nLABEL owner=team extra=1\n', hadolint: one() },
  ],
  invalid: [
    {
      name: 'each type with a bad value, and an empty one',
      code: source`
        FROM alpine:3.20
        LABEL author="" docs="not a url" created="2024-02-30T10:00:00Z" \
              license="MIT OR Apache-2.0" revision="0123ABC" version="v1.2" contact="ops at example.com"
      `,
      hadolint: typed,
      errors: [
        { line: 2, column: 7, code: 'DL3051', severity: 'warning', message: 'The label `author` is empty.' },
        { line: 2, column: 17, code: 'DL3052', message: 'The label `docs` is not a valid URL: `not a url`.' },
        { line: 2, column: 34, code: 'DL3053', message: 'The label `created` is not an RFC 3339 time (`2024-05-01T12:00:00Z`): `2024-02-30T10:00:00Z`.' },
        { line: 3, column: 7, code: 'DL3054', message: 'The label `license` is not an SPDX license identifier (`MIT`, `Apache-2.0`): `MIT OR Apache-2.0`.' },
        { line: 3, column: 35, code: 'DL3055', message: 'The label `revision` is not a git hash (7 or 40 lower-case hex digits): `0123ABC`.' },
        { line: 3, column: 54, code: 'DL3056', message: 'The label `version` is not a semantic version (`1.2.3`): `v1.2`.' },
        { line: 3, column: 69, code: 'DL3058', message: 'The label `contact` is not an email address: `ops at example.com`.' },
      ],
    },
    {
      name: 'missing: on each stage that is an image (hadolint counts these the same)',
      code: source`
        FROM alpine:3.20 AS base
        FROM base AS child
        FROM debian:12 AS other
        LABEL owner=team
      `,
      hadolint: one(),
      errors: [
        { line: 1, column: 1, code: 'DL3049', severity: 'info', message: 'The label `owner` of the label schema is missing.' },
        { line: 2, column: 1, code: 'DL3049' },
      ],
    },
    {
      name: 'strict-labels: a label outside the schema',
      code: 'FROM alpine:3.20\nLABEL owner=team extra=1\n',
      hadolint: one(true),
      errors: [{ line: 2, column: 18, code: 'DL3050', severity: 'info', message: 'The label `extra` is not in the label schema (strict-labels).' }],
    },
    {
      name: '# hadolint ignore= names one code: the others stay',
      code: source`
        FROM alpine:3.20
        # hadolint ignore=DL3051
        LABEL author="" docs="nope"
      `,
      hadolint: typed,
      errors: [
        { line: 1, column: 1, code: 'DL3049', message: 'The label `created` of the label schema is missing.' },
        { line: 1, column: 1, code: 'DL3049', message: 'The label `license` of the label schema is missing.' },
        { line: 1, column: 1, code: 'DL3049', message: 'The label `revision` of the label schema is missing.' },
        { line: 1, column: 1, code: 'DL3049', message: 'The label `version` of the label schema is missing.' },
        { line: 1, column: 1, code: 'DL3049', message: 'The label `contact` of the label schema is missing.' },
        { line: 3, column: 17, code: 'DL3052' },
      ],
    },
  ],
});
