/**
 * The CLI and language-server npm packages (issue 20), as a user installs them: `npm pack`, then `npm install` of the
 * tarball into an empty folder, offline with an empty cache (no runtime dependency may be needed), and `npx ./x.tgz`.
 * The installed CLI must print exactly what the repository's CLI prints; the installed language server must answer
 * `initialize` and publish the diagnostics the repository's server publishes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestClient, uriOf } from '../lsp/lsp-client';
import { installInEmptyFolder, pack, repoRoot, tempDir, type Packed } from './pack';

const rootVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const cleanup: string[] = [];
let work = '';
let cache = '';
let example = '';

/** Runs a command in `cwd` with what a CI job has: no colours, its own cache folder for the CLI's code cache. */
function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', XDG_CACHE_HOME: path.join(work, 'xdg-cache'), npm_config_cache: cache, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  work = tempDir('packages');
  cache = path.join(work, 'npm-cache');
  cleanup.push(work);
  example = path.join(work, 'vrecommendation');
  fs.cpSync(path.join(repoRoot, 'examples', 'vrecommendation'), example, { recursive: true });
});
after(() => {
  for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

describe('the CLI package (packages/cli)', () => {
  let packed: Packed;
  let installed = '';
  before(() => {
    packed = pack('cli', work, cache);
    installed = installInEmptyFolder(packed.tarball, cache);
    cleanup.push(installed);
  });

  it('is one bundle (and its lazily loaded Dockerfile syntax-fix bundle), no dependencies, the one version', () => {
    assert.deepEqual(packed.files, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli-dockerfile-language-service.js', 'dist/cli.js', 'dist/docker-harden.js', 'package.json']);
    assert.equal(packed.manifest.name, 'docker-harden');
    assert.equal(packed.manifest.version, rootVersion);
    assert.deepEqual(packed.manifest.bin, { 'docker-harden': 'dist/docker-harden.js' });
    assert.equal(packed.manifest.dependencies, undefined);
    assert.equal(packed.manifest.engines?.node, '>=20');
    assert.equal(path.basename(packed.tarball), `docker-harden-${rootVersion}.tgz`);
    // Installed alone: node_modules holds this package and nothing else.
    assert.deepEqual(fs.readdirSync(path.join(installed, 'node_modules')).filter((name) => !name.startsWith('.')), ['docker-harden']);
  });

  for (const format of ['stylish', 'json', 'sarif', 'github']) {
    it(`installed in an empty folder, lints the example as the repository CLI does (--format ${format})`, () => {
      const fromRepository = run(process.execPath, [path.join(repoRoot, 'bin', 'docker-harden.js'), 'check', '.', '--format', format], example);
      const fromPackage = run(path.join(installed, 'node_modules', '.bin', 'docker-harden'), ['check', '.', '--format', format], example);
      assert.equal(fromRepository.status, 1, fromRepository.stderr);
      assert.ok(fromRepository.stdout.includes('docker-compose.yml'));
      assert.deepEqual(fromPackage, fromRepository);
    });
  }

  it('runs with npx from the tarball (`npx ./docker-harden-X.tgz check .`), same output', () => {
    const tarballHere = path.join(example, '..', path.basename(packed.tarball));
    const fromRepository = run(process.execPath, [path.join(repoRoot, 'bin', 'docker-harden.js'), 'check', '.'], example);
    const fromNpx = run('npx', ['--yes', '--offline', `../${path.basename(tarballHere)}`, 'check', '.'], example);
    assert.deepEqual(fromNpx, fromRepository);
    assert.match(fromNpx.stdout, /compose\/healthcheck/);
  });

  it('`npx docker-harden check` in the folder it was installed in (no path to this repository anywhere)', () => {
    const target = path.relative(installed, example);
    const fromNpx = run('npx', ['--offline', 'docker-harden', 'check', target], installed);
    const fromRepository = run(process.execPath, [path.join(repoRoot, 'bin', 'docker-harden.js'), 'check', target], installed);
    assert.equal(fromRepository.status, 1);
    assert.deepEqual(fromNpx, fromRepository);
    assert.ok(!fs.readFileSync(path.join(installed, 'node_modules', 'docker-harden', 'dist', 'docker-harden.js'), 'utf8').includes(repoRoot));
  });

  it('--version prints the version, the rule count and the knowledge-base date, as the repository CLI does', () => {
    const version = run(path.join(installed, 'node_modules', '.bin', 'docker-harden'), ['--version'], example);
    assert.equal(version.status, 0);
    assert.match(version.stdout, new RegExp(`^docker-harden ${rootVersion.replace(/\./g, '\\.')} \\(\\d+ rules, image knowledge base \\d{4}-\\d{2}-\\d{2}\\)\\n$`));
    assert.equal(version.stdout, run(process.execPath, [path.join(repoRoot, 'bin', 'docker-harden.js'), '--version'], example).stdout);
  });

  it('fix writes the same files as the repository CLI', () => {
    const a = path.join(work, 'fix-repository');
    const b = path.join(work, 'fix-package');
    fs.cpSync(example, a, { recursive: true });
    fs.cpSync(example, b, { recursive: true });
    const fromRepository = run(process.execPath, [path.join(repoRoot, 'bin', 'docker-harden.js'), 'fix', '.'], a);
    const fromPackage = run(path.join(installed, 'node_modules', '.bin', 'docker-harden'), ['fix', '.'], b);
    assert.deepEqual(fromPackage, fromRepository);
    const compose = (dir: string) => fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
    assert.notEqual(compose(b), fs.readFileSync(path.join(example, 'docker-compose.yml'), 'utf8'));
    assert.equal(compose(b), compose(a));
  });
});

describe('the language-server package (packages/language-server)', () => {
  let packed: Packed;
  let installed = '';
  before(() => {
    packed = pack('language-server', work, cache);
    installed = installInEmptyFolder(packed.tarball, cache);
    cleanup.push(installed);
  });

  it('is one bundle, no dependencies, the one version', () => {
    assert.deepEqual(packed.files, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/docker-harden-language-server.js', 'package.json']);
    assert.equal(packed.manifest.name, 'docker-harden-language-server');
    assert.equal(packed.manifest.version, rootVersion);
    assert.deepEqual(packed.manifest.bin, { 'docker-harden-language-server': 'dist/docker-harden-language-server.js' });
    assert.equal(packed.manifest.dependencies, undefined);
    assert.equal(packed.manifest.engines?.node, '>=20');
  });

  it('`docker-harden-language-server --stdio` answers initialize and publishes the diagnostics the repository server publishes', async () => {
    const bin = path.join(installed, 'node_modules', '.bin', 'docker-harden-language-server');
    const compose = path.join(example, 'docker-compose.yml');
    const dockerfile = path.join(example, 'backend', 'ai_server', 'Dockerfile');
    const results: Record<string, unknown>[] = [];
    for (const serverCommand of [[bin], undefined]) {
      // Capabilities of a plain LSP client (as Neovim announces them): no VS Code extras.
      const client = await TestClient.start({ workspaceFolder: example, serverCommand, capabilities: { textDocument: { publishDiagnostics: {}, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } } } });
      try {
        // A compose file sent as plain `yaml`, as Neovim, Helix and Zed do.
        client.open(uriOf(compose), 'yaml', fs.readFileSync(compose, 'utf8'));
        client.open(uriOf(dockerfile), 'dockerfile', fs.readFileSync(dockerfile, 'utf8'));
        const composeDiagnostics = await client.waitForDiagnostics(uriOf(compose), (d) => d.length > 0, 30_000);
        const dockerfileDiagnostics = await client.waitForDiagnostics(uriOf(dockerfile), (d) => d.length > 0, 30_000);
        results.push({ compose: composeDiagnostics, dockerfile: dockerfileDiagnostics });
      } finally {
        await client.stop();
      }
    }
    const [fromPackage, fromRepository] = results as { compose: { code?: unknown }[]; dockerfile: { code?: unknown }[] }[];
    assert.ok(fromPackage.compose.some((d) => d.code === 'compose/healthcheck'));
    assert.ok(fromPackage.dockerfile.some((d) => d.code === 'dockerfile/non-root-user'));
    assert.deepEqual(fromPackage, fromRepository);
  });
});

describe('one version', () => {
  it('every package.json in packages/ has the root package.json version, and CHANGELOG.md has an Unreleased section', () => {
    for (const name of fs.readdirSync(path.join(repoRoot, 'packages'))) {
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'packages', name, 'package.json'), 'utf8')) as { version: string };
      assert.equal(manifest.version, rootVersion, `packages/${name}`);
    }
    assert.match(fs.readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8'), /^## Unreleased$/m);
  });

  it('scripts/release.mjs sets the version everywhere and dates the Unreleased section', () => {
    const copy = path.join(work, 'release');
    for (const file of ['package.json', 'package-lock.json', 'CHANGELOG.md']) fs.cpSync(path.join(repoRoot, file), path.join(copy, file), { recursive: true });
    for (const name of fs.readdirSync(path.join(repoRoot, 'packages'))) fs.cpSync(path.join(repoRoot, 'packages', name, 'package.json'), path.join(copy, 'packages', name, 'package.json'));
    const before = Object.fromEntries(['package.json', 'package-lock.json', 'CHANGELOG.md'].map((file) => [file, fs.readFileSync(path.join(copy, file), 'utf8')]));
    const release = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'release.mjs'), '9.8.7', '--root', copy, '--date', '2030-01-02'], { encoding: 'utf8' });
    assert.equal(release.status, 0, release.stderr);
    const json = (file: string) => JSON.parse(fs.readFileSync(path.join(copy, file), 'utf8'));
    assert.equal(json('package.json').version, '9.8.7');
    assert.equal(json('packages/cli/package.json').version, '9.8.7');
    assert.equal(json('packages/language-server/package.json').version, '9.8.7');
    assert.equal(json('package-lock.json').version, '9.8.7');
    assert.equal(json('package-lock.json').packages[''].version, '9.8.7');
    // Only the version lines changed.
    const changed = (file: string) => {
      const a = before[file].split('\n');
      const b = fs.readFileSync(path.join(copy, file), 'utf8').split('\n');
      return b.filter((line, i) => line !== a[i]);
    };
    assert.deepEqual(changed('package.json'), ['  "version": "9.8.7",']);
    assert.deepEqual(changed('package-lock.json'), ['  "version": "9.8.7",', '      "version": "9.8.7",']);
    assert.match(fs.readFileSync(path.join(copy, 'CHANGELOG.md'), 'utf8'), /^## Unreleased\n\n## 9\.8\.7 \(2030-01-02\)\n\n### Added\n/m);
    // A second release of the same version is refused.
    assert.equal(spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'release.mjs'), '9.8.7', '--root', copy], { encoding: 'utf8' }).status, 1);
    assert.equal(spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'release.mjs'), 'next', '--root', copy], { encoding: 'utf8' }).status, 2);
  });
});
