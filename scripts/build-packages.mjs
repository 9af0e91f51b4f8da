// The npm packages of the CLI (packages/cli, `docker-harden`) and of the language server
// (packages/language-server, `docker-harden-language-server`), from the bundles scripts/build.mjs wrote to dist/:
// the same files the repository runs, so a packed tarball behaves exactly as `node bin/docker-harden.js` and
// `node dist/server.js --stdio`. Neither package has a runtime dependency. Run by scripts/build.mjs after each build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Each package's folder and what it gets: [from (repository path), to (package path), prefix]. */
export const PACKAGES = [
  {
    dir: 'packages/cli',
    files: [
      // The repository's own launcher (V8 code cache); it finds the bundle at ../dist/cli.js, which from dist/ is itself.
      ['bin/docker-harden.js', 'dist/docker-harden.js'],
      ['dist/cli.js', 'dist/cli.js'],
      ['dist/cli-dockerfile-language-service.js', 'dist/cli-dockerfile-language-service.js'],
    ],
  },
  {
    dir: 'packages/language-server',
    // One file: the server bundle starts its lint worker thread from its own file (`new Worker(__filename)`).
    files: [['dist/server.js', 'dist/docker-harden-language-server.js', '#!/usr/bin/env node\n']],
  },
];

/** The one version of the extension and both packages: the root package.json's. */
export function rootVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
}

export function buildPackages() {
  const version = rootVersion();
  for (const pkg of PACKAGES) {
    const dir = path.join(root, pkg.dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    if (manifest.version !== version) {
      throw new Error(`${pkg.dir}/package.json has version ${manifest.version}, the root package.json ${version}: run node scripts/release.mjs <version>`);
    }
    fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
    for (const [from, to, prefix = ''] of pkg.files) {
      const text = fs.readFileSync(path.join(root, from), 'latin1').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      fs.writeFileSync(path.join(dir, to), prefix + text, { encoding: 'latin1', mode: prefix ? 0o755 : 0o644 });
    }
    for (const shared of ['LICENSE', 'CHANGELOG.md']) fs.copyFileSync(path.join(root, shared), path.join(dir, shared));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildPackages();
