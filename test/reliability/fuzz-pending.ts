/**
 * PENDING, out of `npm test` on purpose (the name does not end in .test.ts): cases the issue-15 fuzzer found in areas
 * other changes are fixing (the secret conversion in compose/secrets.ts and the fixer): a list item written as a block
 * scalar makes the conversion's edits overlap (fix-all throws, the CLI ends in an internal error), and `$S$$_1` is
 * converted as the host variable S_1. Run it with
 * `node --import tsx --test test/reliability/fuzz-pending.ts`; when it passes, move the cases into regressions.test.ts
 * and drop `blockScalarsInLists: false` from fuzz.test.ts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runCli } from '../../cli/src/cli';
import { fixAll, memoryWorkspace } from '../../engine/src/index';
import { checkCase, environmentComposeCase } from './fuzz-cases';

describe('pending: secret conversions the environment fuzzer breaks', () => {
  it('converting `- |-` then `DB_PASSWORD=abc` (the last entry) does not throw "overlapping edits"', () => {
    const text = 'services:\n  app0:\n    image: nginx:1.27\n    environment:\n      - |-\n        DB_PASSWORD=abc\n';
    const result = fixAll('/w/compose.yaml', text, { workspace: memoryWorkspace({}), unsafe: true, only: ['compose/secret-in-environment'] });
    assert.match(result.output, /DB_PASSWORD_FILE=\/run\/secrets\/db_password/);
    assert.deepEqual(result.otherFiles.filter((change) => change.path.endsWith('.txt')).map((change) => change.after), ['abc']);
  });

  it('`docker-harden fix --unsafe` on it ends without an internal error (fuzz seed 1, environment generator)', async () => {
    const text = "services:\n  app0:\n    image: nginx:1.27\n    environment:\n      # settings\n      - |4-\n          DB_PASSWORD=.--H-$3-95f\n      - |-\n        LOG_LEVEL=- dash\n  app1:\n    image: nginx:1.27\n    environment:\n      # settings\n      API_TOKEN: |-\n        pa$$word\n  app2:\n    image: nginx:1.27\n    environment:\n      - 'DB_PASSWORD=s3cr3t-Value_1'\n";
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-pending-'));
    try {
      fs.writeFileSync(path.join(folder, 'compose.yaml'), text);
      const err: string[] = [];
      const code = await runCli(['fix', '--unsafe', '.'], { cwd: folder, out: () => undefined, err: (t) => void err.push(t), isTTY: false, env: {} });
      assert.doesNotMatch(err.join(''), /internal error/);
      assert.notEqual(code, 2);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('`$S$$_1` (the variable S, then a literal `$_1`) is not read as the variable S_1 (fuzz seed 20261204, case 11345)', () => {
    const text = "services:\n  app1:\n    image: nginx:1.27\n    environment:\n      - 'API_TOKEN=$S$$_1'\n";
    const result = fixAll('/w/compose.yaml', text, { workspace: memoryWorkspace({}), unsafe: true, only: ['compose/secret-in-environment'] });
    assert.doesNotMatch(result.output, /environment: S_1/);
  });

  it('the environment generator with list items as block scalars (seeds 1 and 3, 300 cases each)', () => {
    for (const seed of [1, 3]) {
      fc.assert(fc.property(environmentComposeCase(), (input) => checkCase(input, { maxMs: 60_000, unsafe: true, twice: true })), { seed, numRuns: 300 });
    }
  });
});
