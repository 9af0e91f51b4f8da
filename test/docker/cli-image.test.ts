/**
 * The CLI's container image (the repository's Dockerfile, issue 20), built and run in real Docker. No registry here:
 * the build passes NODE_IMAGE=<a stand-in> in place of the pinned official node image: local/debian:bookworm (built by
 * scripts/docker/test-env.sh) with the Node.js that runs this test copied in (the package needs Node 20+, and
 * Debian's nodejs, in local/debian-runtimes, is 18). `docker run --rm -v "$PWD:/work" <image> check /work` must print what
 * the repository CLI prints, and the Dockerfile must pass our own rules in the strict profile.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, repoRoot } from '../cli/helpers';
import { copyTree, describeRun, requireDocker, run, tempDir } from './lib';

const image = `docker-harden-cli-test:${process.pid}`;
const nodeImage = `docker-harden-cli-test-node:${process.pid}`;
let workspace = '';
/** `uid:gid` of the test process, the owner of the files it copies. */
const owner = () => `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`;

before(async () => {
  requireDocker();
  assert.ok(fs.existsSync(path.join(repoRoot, 'packages', 'cli', 'dist', 'docker-harden.js')), 'packages/cli/dist is built by scripts/build.mjs');
  // The legacy builder: Engine 20.10's BuildKit would fetch a frontend image for nothing here.
  const buildEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', DOCKER_BUILDKIT: '0', ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}) };
  const nodeContext = tempDir('cli-image-node');
  try {
    fs.copyFileSync(process.execPath, path.join(nodeContext, 'node'));
    fs.chmodSync(path.join(nodeContext, 'node'), 0o755);
    fs.writeFileSync(path.join(nodeContext, 'Dockerfile'), 'FROM local/debian:bookworm\nCOPY node /usr/local/bin/node\n');
    const standIn = await run('docker', ['build', '-t', nodeImage, nodeContext], { env: buildEnv, timeoutMs: 300_000 });
    assert.equal(standIn.code, 0, describeRun(standIn));
  } finally {
    fs.rmSync(nodeContext, { recursive: true, force: true });
  }
  const build = await run('docker', ['build', '--build-arg', `NODE_IMAGE=${nodeImage}`, '-t', image, repoRoot], { env: buildEnv, timeoutMs: 300_000 });
  assert.equal(build.code, 0, describeRun(build));
  workspace = tempDir('cli-image');
  copyTree(path.join(repoRoot, 'examples', 'vrecommendation'), workspace);
  // The image runs as uid 1000: the bind-mounted folders must be readable by it (mkdtemp makes 0700).
  fs.chmodSync(workspace, 0o755);
});

after(async () => {
  await run('docker', ['rmi', '-f', image, nodeImage], { timeoutMs: 60_000 });
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

describe('the CLI image', () => {
  it('the Dockerfile passes our rules in the strict profile with no problem at all', () => {
    const check = cli(['check', 'Dockerfile', '--profile', 'strict', '--fail-on', 'info', '--format', 'json'], repoRoot);
    assert.deepEqual([check.status, check.stdout], [0, '{"version":1,"files":[{"path":"Dockerfile","problems":[]}]}\n']);
  });

  it('runs as a non-root user, with only the npm package\'s files in /opt/docker-harden/dist', async () => {
    const inspect = await run('docker', ['image', 'inspect', '--format', '{{.Config.User}} {{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.WorkingDir}}', image]);
    assert.equal(inspect.stdout.trim(), '1000:1000 ["node","/opt/docker-harden/dist/docker-harden.js"] ["check","."] /work');
    const files = await run('docker', ['run', '--rm', '--entrypoint', 'ls', image, '-A', '/opt/docker-harden/dist'], { timeoutMs: 60_000 });
    assert.equal(files.code, 0, describeRun(files));
    assert.deepEqual(files.stdout.trim().split('\n').sort(), ['cli-dockerfile-language-service.js', 'cli.js', 'docker-harden.js']);
  });

  it('`docker run --rm --user <owner> -v "$PWD:/work" <image> check /work` prints what the repository CLI prints', async () => {
    const fromImage = await run('docker', ['run', '--rm', '--user', owner(), '-v', `${workspace}:/work`, image, 'check', '/work'], { timeoutMs: 120_000 });
    const fromRepository = cli(['check', '.'], workspace);
    assert.equal(fromRepository.status, 1);
    assert.deepEqual({ code: fromImage.code, stdout: fromImage.stdout, stderr: fromImage.stderr }, { code: fromRepository.status, stdout: fromRepository.stdout, stderr: fromRepository.stderr });
    const version = await run('docker', ['run', '--rm', image, '--version']);
    assert.equal(version.stdout, cli(['--version'], repoRoot).stdout);
  });

  it('as its own user (uid 1000, not the files\' owner here) it finds the same problems; fixes that write new files are not offered', async () => {
    // The default command (`check .` in /work), on a read-only mount.
    const byDefault = await run('docker', ['run', '--rm', '-v', `${workspace}:/work:ro`, image], { timeoutMs: 120_000 });
    assert.equal(byDefault.code, 1, describeRun(byDefault));
    assert.match(byDefault.stdout, /^docker-compose\.yml$/m);
    const json = await run('docker', ['run', '--rm', '-v', `${workspace}:/work:ro`, image, 'check', '--format', 'json'], { timeoutMs: 120_000 });
    type Report = { files: { path: string; problems: { ruleId: string; line: number; column: number; message: string; fix: { title: string } | null }[] }[] };
    const withoutFixes = (report: Report) => report.files.map((file) => ({ path: file.path, problems: file.problems.map(({ fix: _fix, ...problem }) => problem) }));
    const imageReport = JSON.parse(json.stdout) as Report;
    const repositoryReport = JSON.parse(cli(['check', '--format', 'json'], workspace).stdout) as Report;
    assert.deepEqual(withoutFixes(imageReport), withoutFixes(repositoryReport));
    // The secrets conversion writes secrets/*.txt, which this user cannot create in the mounted folder.
    const lost = repositoryReport.files.flatMap((file, i) => file.problems.filter((problem, j) => problem.fix !== null && imageReport.files[i].problems[j].fix === null).map((problem) => problem.ruleId));
    assert.deepEqual([...new Set(lost)], ['compose/secret-in-environment']);
  });

  it('fix with --user of the files\' owner writes the same files as the repository CLI', async () => {
    const copy = tempDir('cli-image-fix');
    try {
      copyTree(workspace, copy);
      const fixed = await run('docker', ['run', '--rm', '--user', owner(), '-v', `${copy}:/work`, image, 'fix', '/work'], { timeoutMs: 120_000 });
      assert.equal(fixed.code, 1, describeRun(fixed));
      const reference = tempDir('cli-image-ref');
      copyTree(path.join(repoRoot, 'examples', 'vrecommendation'), reference);
      const fromRepository = cli(['fix', '.'], reference);
      assert.equal(fixed.stdout, fromRepository.stdout);
      for (const file of ['docker-compose.yml', 'backend/ai_server/Dockerfile']) {
        assert.equal(fs.readFileSync(path.join(copy, file), 'utf8'), fs.readFileSync(path.join(reference, file), 'utf8'), file);
      }
      fs.rmSync(reference, { recursive: true, force: true });
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
