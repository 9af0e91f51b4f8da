// Bundles the client, the language server and the CLI with esbuild, so the .vsix and the CLI need no node_modules.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRequire } from 'node:module';
import { generateSchemaValidator } from './gen-schema-validator.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
generateSchemaValidator();
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // The Docker Hub client of dockerfile-language-service is never used (no network), keep it out of the bundle path.
  external: ['vscode'],
  // CommonJS builds of dual packages: without this esbuild takes the ESM build of vscode-languageserver-types, and
  // each of dockerfile-ast's ~40 require() calls of it copied the whole namespace (7 ms of a 140 ms CLI start).
  mainFields: ['main'],
  // Non-ASCII characters escaped: bin/docker-harden.js reads the CLI bundle as latin1 (checked after the build).
  charset: 'ascii',
  conditions: ['node', 'require'],
  // yaml's ES module build (the same code as its CommonJS one): esbuild links it in place of ~25 copies of its
  // namespace, and its parser does not read process.env.LOG_TOKENS for every token.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

/**
 * The CLI loads dockerfile-language-service (150 KB) only for the few Dockerfile syntax errors it has quick fixes for.
 * It is a bundle of its own beside dist/cli.js, required on that first use: every run of the CLI reads, decodes and
 * deserialises the code cache of dist/cli.js, and a smaller file is a faster start.
 */
const CLI_SIDE_BUNDLE = 'cli-dockerfile-language-service.js';
const cliSideBundles = {
  name: 'cli-side-bundles',
  setup(build) {
    build.onResolve({ filter: /^dockerfile-language-service$/ }, () => ({ path: `./${CLI_SIDE_BUNDLE}`, external: true }));
  },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js', plugins: [cliSideBundles] },
  { entryPoints: [path.relative(root, createRequire(import.meta.url).resolve('dockerfile-language-service'))], outfile: `dist/${CLI_SIDE_BUNDLE}` },
];

if (watch) {
  for (const entry of entries) {
    const ctx = await esbuild.context({ ...common, ...entry });
    await ctx.watch();
  }
  const { webOptions, webClientOptions } = await import('./build-web.mjs');
  await (await esbuild.context(webOptions(root, production))).watch();
  await (await esbuild.context(webClientOptions(root, production))).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(entries.map((entry) => esbuild.build({ ...common, ...entry })));
}

if (!watch) {
  // bin/docker-harden.js decodes the CLI bundle as latin1, which is right for ASCII only.
  const cli = fs.readFileSync(path.join(root, 'dist/cli.js'));
  const offset = cli.findIndex((byte) => byte > 0x7f);
  if (offset >= 0) throw new Error(`dist/cli.js is not ASCII (byte ${cli[offset]} at offset ${offset}); bin/docker-harden.js reads it as latin1`);
}

if (!watch) {
  // The browser build (issue 22): dist/web/server.js, the language server for a web worker, and dist/web/extension.js,
  // the client's `"browser"` entry that starts it.
  const { buildWeb } = await import('./build-web.mjs');
  await buildWeb(root, { production });
}

if (!watch) {
  // The npm packages of the CLI and the language server (packages/*), from the bundles just written.
  const { buildPackages } = await import('./build-packages.mjs');
  buildPackages();
}
