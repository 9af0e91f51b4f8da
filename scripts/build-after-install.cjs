// The root package's `postinstall`: in a clone (`npm ci`, `npm install`, and pre-commit's install of the hooks),
// builds the bundles with scripts/build.mjs; in an installed copy of the root package (pre-commit's `npm install -g`
// of its `npm pack`), which holds the bundles and not the build script, does nothing. It is `postinstall`, not
// `prepare`, because `npm pack` runs `prepare` and prints its banner on stdout, where pre-commit reads the tarball name.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const build = path.join(__dirname, 'build.mjs');
if (fs.existsSync(build)) {
  const result = spawnSync(process.execPath, [build], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
}
