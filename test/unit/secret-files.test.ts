/**
 * A secret's value is never dropped: where its file goes. `Workspace.canCreate` on disk (no link on the way, nothing
 * at the path), and the conversion's choice of file: a free name, an identical file reused, no fix when no file can
 * be created. Temporary folders only; the "outside" folder is a sibling temp folder, never a system path.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { fixAll, lint, memoryWorkspace, type Workspace } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import rule from '../../engine/src/rules/compose/secret-in-environment';
import { source } from '../lib/yaml-tag';

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-secret-files-')));
  made.push(dir);
  return dir;
}

const COMPOSE = source`
  services:
    db:
      image: postgres:16
      environment:
        DB_PASSWORD: s3cret
`;
const only = { only: [rule.meta.id], ruleSet: [rule] };

describe('diskWorkspace.canCreate', () => {
  const root = tempDir();
  const outside = tempDir();
  fs.mkdirSync(path.join(root, 'real'));
  fs.writeFileSync(path.join(root, 'real', 'there.txt'), 'x');
  fs.symlinkSync(path.join(root, 'real', 'nowhere.txt'), path.join(root, 'real', 'dangling.txt'));
  fs.symlinkSync(outside, path.join(root, 'linked'));
  fs.writeFileSync(path.join(root, 'plain-file'), 'x');
  fs.mkdirSync(path.join(root, 'real', 'deeper'));
  const workspace = diskWorkspace(root);

  const cases: [string, boolean][] = [
    ['missing/a.txt', true],
    ['missing/deeper/a.txt', true],
    ['real/a.txt', true],
    ['real/deeper/a.txt', true],
    ['real/there.txt', false],
    ['real/dangling.txt', false],
    ['linked/a.txt', false],
    ['linked/missing/a.txt', false],
    ['plain-file/a.txt', false],
    ['../outside.txt', false],
  ];
  for (const [relative, expected] of cases) {
    it(`${relative}: ${expected ? 'can' : 'cannot'} be created`, () => {
      assert.equal(workspace.canCreate!(path.join(root, relative)), expected);
    });
  }

  it('a root that is itself a link is fine (only the folders below it are looked at)', () => {
    const parent = tempDir();
    fs.symlinkSync(root, path.join(parent, 'root-link'));
    assert.equal(diskWorkspace(path.join(parent, 'root-link')).canCreate!(path.join(parent, 'root-link', 'real', 'a.txt')), true);
  });

  it('an open buffer at the path counts as a file there', () => {
    const open = diskWorkspace(root, (p) => (p === path.join(root, 'real', 'open.txt') ? 'text' : undefined));
    assert.equal(open.canCreate!(path.join(root, 'real', 'open.txt')), false);
  });
});

describe('where a literal secret goes', () => {
  it('a `secrets` folder that links out of the workspace: no conversion, the value stays in the compose file', () => {
    const root = tempDir();
    const outside = tempDir();
    fs.writeFileSync(path.join(root, 'compose.yaml'), COMPOSE);
    fs.symlinkSync(outside, path.join(root, 'secrets'));
    const workspace = diskWorkspace(root);
    const [problem] = lint(path.join(root, 'compose.yaml'), COMPOSE, { ...only, workspace }).problems;
    assert.deepEqual(problem.fixes.map((fix) => fix.title), []);
    const result = fixAll(path.join(root, 'compose.yaml'), COMPOSE, { ...only, workspace, unsafe: true });
    assert.equal(result.output, COMPOSE);
    assert.deepEqual(result.otherFiles, []);
  });

  it('secrets/<name>.txt is a link (dangling, or out of the workspace): the value goes to <name>_2.txt', () => {
    for (const target of ['dangling', 'outside']) {
      const root = tempDir();
      fs.writeFileSync(path.join(root, 'compose.yaml'), COMPOSE);
      fs.mkdirSync(path.join(root, 'secrets'));
      const outsideFile = path.join(tempDir(), 'elsewhere.txt');
      if (target === 'outside') fs.writeFileSync(outsideFile, 'not the value');
      fs.symlinkSync(outsideFile, path.join(root, 'secrets', 'db_password.txt'));
      const result = fixAll(path.join(root, 'compose.yaml'), COMPOSE, { ...only, workspace: diskWorkspace(root), unsafe: true });
      assert.match(result.output, /DB_PASSWORD_FILE: \/run\/secrets\/db_password_2\n/, target);
      const created = result.otherFiles.find((file) => file.path.endsWith('.txt'))!;
      assert.deepEqual(
        { path: path.relative(root, created.path), after: created.after, mode: created.mode, folderMode: created.folderMode, secret: created.secret },
        { path: path.join('secrets', 'db_password_2.txt'), after: 's3cret', mode: 0o644, folderMode: 0o700, secret: true },
        target,
      );
    }
  });

  it('a file the workspace says is there but cannot read is never reused: the next name', () => {
    const files = memoryWorkspace({ '/w/compose.yaml': COMPOSE });
    const workspace: Workspace = { ...files, exists: (p) => p === '/w/secrets/db_password.txt' || files.exists(p) };
    const result = fixAll('/w/compose.yaml', COMPOSE, { ...only, workspace, unsafe: true });
    assert.match(result.output, /DB_PASSWORD_FILE: \/run\/secrets\/db_password_2\n/);
  });

  it('no file can be created at all (a folder that is not writable): no fix, the value stays', () => {
    const workspace: Workspace = { ...memoryWorkspace({ '/w/compose.yaml': COMPOSE }), canCreate: () => false };
    const [problem] = lint('/w/compose.yaml', COMPOSE, { ...only, workspace }).problems;
    assert.equal(problem.ruleId, rule.meta.id);
    assert.deepEqual(problem.fixes, []);
    assert.equal(fixAll('/w/compose.yaml', COMPOSE, { ...only, workspace, unsafe: true }).output, COMPOSE);
  });

  it('the fixer never applies a fix whose new file is already there with other content', () => {
    const text = source`
      services:
        web:
          image: nginx:1.27
    `;
    const workspace = memoryWorkspace({ '/w/compose.yaml': text, '/w/new.txt': 'old' });
    const creating = {
      kind: 'compose' as const,
      meta: { ...rule.meta, id: 'test/creates-a-file' },
      check({ report }: { report: (r: object) => void }) {
        report({ start: 0, end: 8, message: 'm', fixes: [{ title: 't', safe: true, edits: [{ start: 0, end: 0, text: '# moved\n' }], otherFiles: [{ kind: 'create', path: '/w/new.txt', content: 'new' }] }] });
      },
    };
    const result = fixAll('/w/compose.yaml', text, { only: ['test/creates-a-file'], ruleSet: [creating as never], workspace });
    assert.equal(result.output, text);
    assert.deepEqual(result.otherFiles, []);
  });
});
