/**
 * The edits of the "Ignore … for this line / for this file" quick fixes, as data: where the comment goes (above
 * the node that holds the problem: a YAML key or sequence item, never inside a block scalar; a whole Dockerfile
 * instruction), its indentation, appending to an existing comment, and Dockerfile parser directives. Each result
 * is linted again to prove the comment suppresses what it should.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, LineIndex, lint, parseCompose, parseDockerfile } from '../../engine/src/index';
import { ignoreFileEdit, ignoreLineEdit } from '../../server/src/ignoreComments';
import { source } from '../lib/yaml-tag';

interface Case {
  name: string;
  kind: 'compose' | 'dockerfile';
  text: string;
  /** The problem's text, found in `text` (its first occurrence after `after`, if given). */
  at: string;
  after?: string;
  ruleId: string;
  line: string;
  file: string;
}

const cases: Case[] = [
  {
    name: 'a service key: above it, at its indentation, below its own comment',
    kind: 'compose',
    text: source`
      services:
        # Cache
        redis:
          image: redis:7
    `,
    at: 'redis:',
    ruleId: 'compose/healthcheck',
    line: source`
      services:
        # Cache
        # docker-harden-ignore compose/healthcheck
        redis:
          image: redis:7
    `,
    file: source`
      # docker-harden-ignore-file compose/healthcheck
      services:
        # Cache
        redis:
          image: redis:7
    `,
  },
  {
    name: 'a list item: at the dash column',
    kind: 'compose',
    text: source`
      services:
        redis:
          image: redis:7
        api:
          image: api:1
          depends_on:
            - redis
    `,
    at: 'redis\n',
    ruleId: 'compose/depends-on-healthy',
    line: source`
      services:
        redis:
          image: redis:7
        api:
          image: api:1
          depends_on:
            # docker-harden-ignore compose/depends-on-healthy
            - redis
    `,
    file: source`
      # docker-harden-ignore-file compose/depends-on-healthy
      services:
        redis:
          image: redis:7
        api:
          image: api:1
          depends_on:
            - redis
    `,
  },
  {
    name: 'a line inside a block scalar: above its key, the scalar untouched',
    kind: 'compose',
    text: source`
      services:
        web:
          image: web:1
          command: |
            echo one
            echo two
    `,
    at: 'echo two',
    ruleId: 'compose/example',
    line: source`
      services:
        web:
          image: web:1
          # docker-harden-ignore compose/example
          command: |
            echo one
            echo two
    `,
    file: source`
      # docker-harden-ignore-file compose/example
      services:
        web:
          image: web:1
          command: |
            echo one
            echo two
    `,
  },
  {
    name: 'existing comments get the id appended',
    kind: 'compose',
    text: source`
      # docker-harden-ignore-file compose/restart-policy
      services:
        # docker-harden-ignore compose/resource-limits
        redis:
          image: redis:7
    `,
    at: 'redis:',
    ruleId: 'compose/healthcheck',
    line: source`
      # docker-harden-ignore-file compose/restart-policy
      services:
        # docker-harden-ignore compose/resource-limits, compose/healthcheck
        redis:
          image: redis:7
    `,
    file: source`
      # docker-harden-ignore-file compose/restart-policy, compose/healthcheck
      services:
        # docker-harden-ignore compose/resource-limits
        redis:
          image: redis:7
    `,
  },
  {
    name: 'a continuation line of a RUN: above the instruction; the file comment after the parser directives',
    kind: 'dockerfile',
    text: source`
      # syntax=docker/dockerfile:1
      # escape=\
      FROM debian:12
      RUN apt-get update && \
          apt-get install -y curl
    `,
    at: 'apt-get install',
    ruleId: 'dockerfile/apt-no-install-recommends',
    line: source`
      # syntax=docker/dockerfile:1
      # escape=\
      FROM debian:12
      # docker-harden-ignore dockerfile/apt-no-install-recommends
      RUN apt-get update && \
          apt-get install -y curl
    `,
    file: source`
      # syntax=docker/dockerfile:1
      # escape=\
      # docker-harden-ignore-file dockerfile/apt-no-install-recommends
      FROM debian:12
      RUN apt-get update && \
          apt-get install -y curl
    `,
  },
  {
    name: 'an id goes before the reason of an existing comment',
    kind: 'compose',
    text: source`
      services:
        # docker-harden-ignore compose/resource-limits -- sized by the orchestrator
        redis:
          image: redis:7
    `,
    at: 'redis:',
    ruleId: 'compose/healthcheck',
    line: source`
      services:
        # docker-harden-ignore compose/resource-limits, compose/healthcheck -- sized by the orchestrator
        redis:
          image: redis:7
    `,
    file: source`
      # docker-harden-ignore-file compose/healthcheck
      services:
        # docker-harden-ignore compose/resource-limits -- sized by the orchestrator
        redis:
          image: redis:7
    `,
  },
  {
    name: 'CRLF files keep CRLF',
    kind: 'compose',
    text: 'services:\r\n  redis:\r\n    image: redis:7\r\n',
    at: 'redis:',
    ruleId: 'compose/healthcheck',
    line: 'services:\r\n  # docker-harden-ignore compose/healthcheck\r\n  redis:\r\n    image: redis:7\r\n',
    file: '# docker-harden-ignore-file compose/healthcheck\r\nservices:\r\n  redis:\r\n    image: redis:7\r\n',
  },
];

describe('ignore comment edits', () => {
  for (const c of cases) {
    it(c.name, () => {
      const lines = new LineIndex(c.text);
      const file = c.kind === 'compose' ? parseCompose('/w/compose.yaml', c.text) : parseDockerfile('/w/Dockerfile', c.text);
      const offset = c.text.indexOf(c.at, c.after ? c.text.indexOf(c.after) : 0);
      assert.ok(offset >= 0);
      assert.equal(applyEdits(c.text, [ignoreLineEdit(file, lines, offset, c.ruleId)]), c.line);
      assert.equal(applyEdits(c.text, [ignoreFileEdit(file, lines, c.ruleId)]), c.file);
    });
  }

  it('the comments suppress the real problems they were made for', () => {
    for (const c of cases.filter((x) => !x.ruleId.endsWith('/example'))) {
      const path = c.kind === 'compose' ? '/w/compose.yaml' : '/w/Dockerfile';
      const offset = c.text.indexOf(c.at);
      const before = lint(path, c.text, { only: [c.ruleId] }).problems.filter((p) => p.start <= offset && p.end >= offset);
      assert.equal(before.length, 1, `${c.name}: the rule fires before`);
      for (const fixed of [c.line, c.file]) {
        const problems = lint(path, fixed, { only: [c.ruleId] }).problems;
        assert.deepEqual(problems.map((p) => p.ruleId), [], `${c.name}: suppressed in\n${fixed}`);
      }
    }
  });
});
