// Debian packages the development tooling needs (never the product): the headers code-server compiles against,
// and chromium + neovim for the end-to-end tests. Missing ones are installed with apt-get when running as root
// (as on CI and a fresh machine of this kind); otherwise the exact command to run is printed and we stop.
import { spawnSync } from 'node:child_process';

export const EDITOR_BUILD_PACKAGES = ['libkrb5-dev', 'pkg-config', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev'];
export const TEST_PACKAGES = ['chromium', 'neovim'];

function installed(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

export function ensureDebianPackages(packages, why) {
  if (process.platform !== 'linux' || spawnSync('dpkg-query', ['--version']).status !== 0) return;
  const missing = packages.filter((name) => !installed(name));
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`${why} needs Debian packages that are missing: run  sudo apt-get update && sudo ${command}`);
    process.exit(1);
  }
  console.log(`${why}: installing ${missing.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-q'], ['install', '-y', '-q', ...missing]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`apt-get ${args[0]} failed (exit ${result.status}); install them yourself: ${command}`);
      process.exit(1);
    }
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  ensureDebianPackages([...EDITOR_BUILD_PACKAGES, ...TEST_PACKAGES], 'docker-harden development');
}
