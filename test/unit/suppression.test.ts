import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, memoryWorkspace } from '../../engine/src/index';
import { source } from '../lib/yaml-tag';

const ids = (path: string, text: string, ignored?: string[]) =>
  lint(path, text, { workspace: memoryWorkspace({}), ignored, only: ['compose/healthcheck', 'compose/obsolete-version', 'dockerfile/json-args', 'dockerfile/non-root-user'] })
    .problems.map((p) => `${p.ruleId}@${p.start}`);

describe('suppression comments', () => {
  it('`# docker-harden-ignore <id>` covers the next key and its children only', () => {
    const text = source`
      services:
        # docker-harden-ignore compose/healthcheck
        a:
          image: redis:7
        b:
          image: redis:7
    `;
    assert.deepEqual(ids('/w/compose.yaml', text), [`compose/healthcheck@${text.indexOf('b:')}`]);
  });
  it('a list of ids, and ids of other rules do not suppress', () => {
    const text = source`
      # docker-harden-ignore compose/image-tag, compose/obsolete-version
      version: '3'
      services:
        # docker-harden-ignore compose/image-tag
        a:
          image: redis:7
    `;
    assert.deepEqual(ids('/w/compose.yaml', text), [`compose/healthcheck@${text.indexOf('a:')}`]);
  });
  it('`# docker-harden-ignore-file <id>` anywhere covers the whole file', () => {
    const text = source`
      services:
        a:
          image: redis:7
      # docker-harden-ignore-file compose/healthcheck
    `;
    assert.deepEqual(ids('/w/compose.yaml', text), []);
  });
  it('Dockerfiles honour hadolint ignore (line and global), BuildKit check=skip, and .hadolint.yaml ignored', () => {
    const body = source`
      FROM node:22
      # hadolint ignore=DL3025
      CMD node a.js
      ENTRYPOINT node b.js
    `;
    const base = ids('/w/Dockerfile', body);
    assert.deepEqual(base, [`dockerfile/non-root-user@0`, `dockerfile/json-args@${body.indexOf('ENTRYPOINT')}`]);
    assert.deepEqual(ids('/w/Dockerfile', '# hadolint global ignore=DL3025,DL3002\n' + body), []);
    assert.deepEqual(ids('/w/Dockerfile', '# check=skip=JSONArgsRecommended\n' + body), ['dockerfile/non-root-user@33']);
    assert.deepEqual(ids('/w/Dockerfile', body, ['DL3002']), [`dockerfile/json-args@${body.indexOf('ENTRYPOINT')}`]);
  });
  it('`# check=skip` is a directive only at the top of the file', () => {
    const body = source`
      FROM node:22
      USER node
      # check=skip=JSONArgsRecommended
      CMD node a.js
    `;
    assert.deepEqual(ids('/w/Dockerfile', body), [`dockerfile/json-args@${body.indexOf('CMD')}`]);
  });
});
