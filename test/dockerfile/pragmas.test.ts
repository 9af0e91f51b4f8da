import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, memoryWorkspace } from '../../engine/src/index';

const today = new Date('2026-11-25T00:00:00Z');
/** Rule ids and 1-based lines of the problems of a Dockerfile text. */
function found(text: string, ignored?: string[]): string[] {
  const result = lint('/w/Dockerfile', text, { kind: 'dockerfile', today, ignored, workspace: memoryWorkspace({}) });
  return result.problems.map((problem) => `${text.slice(0, problem.start).split('\n').length} ${problem.ruleId}`);
}

const BASE = 'FROM debian:12-slim\nRUN apt-get install curl\nCMD bash\n';

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
    const text = 'FROM debian:12-slim\n# hadolint ignore=DL3015,DL3009\nRUN apt-get install -y curl\nRUN apt-get install -y git\nCMD ["bash"]\n';
    assert.deepEqual(found(text, ['DL3002', 'DL3057']), ['4 dockerfile/apt-lists-cleanup', '4 dockerfile/apt-no-install-recommends']);
  });

  it('# hadolint global ignore=... suppresses in the whole file', () => {
    const text = '# hadolint global ignore=DL3014,DL3025\nFROM debian:12-slim\nRUN apt-get install curl\nCMD bash\n';
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
    const text = '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended,FromAsCasing\nFROM debian:12-slim as base\nCMD bash\n';
    assert.deepEqual(found(text, ['DL3002', 'DL3057']), []);
    const late = 'FROM debian:12-slim as base\n# check=skip=JSONArgsRecommended\nCMD bash\n';
    assert.deepEqual(found(late, ['DL3002', 'DL3057']), ['1 dockerfile/casing', '3 dockerfile/json-args']);
    assert.deepEqual(found('# check=skip=all\nFROM debian:12-slim as base\nCMD bash\n'), []);
  });

  it('# docker-harden-ignore and -ignore-file', () => {
    const text = '# docker-harden-ignore-file dockerfile/healthcheck\nFROM debian:12-slim\n# docker-harden-ignore dockerfile/json-args\nCMD bash\nUSER nobody\n';
    assert.deepEqual(found(text), []);
  });
});
