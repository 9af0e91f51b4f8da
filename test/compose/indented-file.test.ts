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
});
