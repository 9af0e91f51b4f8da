import rule from '../../../engine/src/rules/dockerfile/platform-flag';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM --platform=$BUILDPLATFORM golang:1.25 AS build\nFROM --platform="${BUILDPLATFORM:-}" debian:12 AS b\nFROM --platform=$FOO debian:12\nFROM debian:12\n'],
  invalid: [
    {
      code: 'FROM --platform=linux/amd64 debian:12 AS a\nFROM --platform=${TARGETPLATFORM} alpine:3.22\n',
      errors: [
        { line: 1, column: 17, endColumn: 28, code: 'DL3029', message: '`--platform=linux/amd64` fixes the platform whatever the build asks for: use `$BUILDPLATFORM` for build stages, or no flag.' },
        { line: 2, column: 17, endColumn: 34, code: 'DL3065', message: '`--platform=$TARGETPLATFORM` is what FROM does without the flag: it can go.' },
      ],
    },
  ],
});
