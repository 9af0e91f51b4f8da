import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { fixAll, memoryWorkspace } from '../../engine/src/index';

// Found by the fuzz test (seed 43): a file indented as a whole got its new top-level `secrets:` at column 0.
describe('a compose file indented as a whole', () => {
  it('gets new top-level keys at its own top-level column', () => {
    const text = ' services:\n   db:\n     image: postgres:16\n     environment:\n       POSTGRES_PASSWORD: example\n';
    const result = fixAll('/w/compose.yaml', text, { unsafe: true, workspace: memoryWorkspace({}), only: ['compose/secret-in-environment'] });
    assert.equal(
      result.output,
      ' services:\n   db:\n     image: postgres:16\n     environment:\n       POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n     secrets:\n       - postgres_password\n\n secrets:\n   postgres_password:\n     file: ./secrets/postgres_password.txt\n',
    );
    assert.deepEqual(parseDocument(result.output).errors, []);
  });

  it('a byte-order mark before the first key is not indentation (fuzz seed 20261125)', () => {
    const text = '\uFEFFx-note: 1\nservices:\n  db:\n    image: postgres:16\n    environment:\n      - TOKEN=${TOKEN}\n';
    const result = fixAll('/w/compose.yaml', text, { unsafe: true, workspace: memoryWorkspace({}), only: ['compose/secret-in-environment'] });
    assert.equal(
      result.output,
      '\uFEFFx-note: 1\nservices:\n  db:\n    image: postgres:16\n    environment:\n      - TOKEN_FILE=/run/secrets/token\n    secrets:\n      - token\n\nsecrets:\n  token:\n    environment: TOKEN\n',
    );
    assert.deepEqual(parseDocument(result.output).errors, []);
  });
});
