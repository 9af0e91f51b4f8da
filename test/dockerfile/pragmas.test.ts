import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, memoryWorkspace } from '../../engine/src/index';
import { source } from '../lib/yaml-tag';

const today = new Date('2026-11-25T00:00:00Z');
/** Rule ids and 1-based lines of the problems of a Dockerfile text. */
function found(text: string, ignored?: string[]): string[] {
  const result = lint('/w/Dockerfile', text, { kind: 'dockerfile', today, ignored, workspace: memoryWorkspace({}) });
  return result.problems.map((problem) => `${text.slice(0, problem.start).split('\n').length} ${problem.ruleId}`);
}

const BASE = source`
  FROM debian:12-slim
  RUN apt-get install curl
  CMD bash
`;

describe('Dockerfile pragmas suppress the matching rules through their aliases', () => {
  it('without pragmas', () => {
    assert.deepEqual(found(BASE), [
      '1 dockerfile/healthcheck',
      '1 dockerfile/non-root-user',
      '2 dockerfile/apt-get-yes',
      '2 dockerfile/apt-lists-cleanup',
      '2 dockerfile/apt-no-install-recommends',
      '3 dockerfile/json-args',
    ]);
  });

  it('# hadolint ignore=DLxxxx on the line above suppresses those rules on that instruction only', () => {
    const text = source`
      FROM debian:12-slim
      # hadolint ignore=DL3015,DL3009
      RUN apt-get install -y curl
      RUN apt-get install -y git
      CMD ["bash"]
    `;
    assert.deepEqual(found(text, ['DL3002', 'DL3057']), ['4 dockerfile/apt-lists-cleanup', '4 dockerfile/apt-no-install-recommends']);
  });

  it('# hadolint global ignore=... suppresses in the whole file', () => {
    const text = source`
      # hadolint global ignore=DL3014,DL3025
      FROM debian:12-slim
      RUN apt-get install curl
      CMD bash
    `;
    assert.deepEqual(found(text, ['DL3002', 'DL3057', 'DL3009', 'DL3015']), []);
  });

  it('.hadolint.yaml ignored: codes reach lint as `ignored`', () => {
    assert.deepEqual(found(BASE, ['DL3002', 'DL3057', 'DL3014', 'DL3009', 'DL3015', 'DL3025']), []);
    assert.deepEqual(found(BASE, ['dockerfile/json-args', 'DL3057', 'DL3002']), [
      '2 dockerfile/apt-get-yes',
      '2 dockerfile/apt-lists-cleanup',
      '2 dockerfile/apt-no-install-recommends',
    ]);
  });

  it('BuildKit # check=skip= suppresses the rules with those check names, only as a leading directive', () => {
    const text = source`
      # syntax=docker/dockerfile:1
      # check=skip=JSONArgsRecommended,FromAsCasing
      FROM debian:12-slim as base
      CMD bash
    `;
    assert.deepEqual(found(text, ['DL3002', 'DL3057']), []);
    const late = source`
      FROM debian:12-slim as base
      # check=skip=JSONArgsRecommended
      CMD bash
    `;
    assert.deepEqual(found(late, ['DL3002', 'DL3057']), ['1 dockerfile/casing', '3 dockerfile/json-args']);
    assert.deepEqual(found(source`
      # check=skip=all
      FROM debian:12-slim as base
      CMD bash
    `), []);
  });

  it('# docker-harden-ignore and -ignore-file', () => {
    const text = source`
      # docker-harden-ignore-file dockerfile/healthcheck
      FROM debian:12-slim
      # docker-harden-ignore dockerfile/json-args
      CMD bash
      USER nobody
    `;
    assert.deepEqual(found(text), []);
  });
});
