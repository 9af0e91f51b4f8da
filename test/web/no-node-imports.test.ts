/**
 * Guard of issue 22's "no `node:` import in the engine or the server core": no file of engine/src (outside its Node
 * host, engine/src/node/) or of the server core (server/src outside the Node build's own pieces) imports a Node
 * built-in, or the Node host, or the Node-only server pieces; and the browser bundle's inputs (esbuild's metafile)
 * hold no file of the Node host or of those pieces.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const repoRoot = path.resolve(__dirname, '../..');
const nodeHost = 'engine/src/node/';
/**
 * The Node build's own pieces of server/src: its entry, the worker-thread engine and the idle collector (the browser
 * build replaces `./engine` and `./memory` with server/src/web's), and its ServerHost.
 */
const NODE_SERVER_PIECES = ['server/src/main.ts', 'server/src/serverMain.ts', 'server/src/engine.ts', 'server/src/engineWorker.ts', 'server/src/memory.ts', 'server/src/nodeHost.ts'];
/** Imported by name from the core and swapped by scripts/build-web.mjs for server/src/web's versions. */
const REPLACED_BY_THE_BROWSER_BUILD = ['server/src/engine.ts', 'server/src/memory.ts'];
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Every module specifier a TypeScript file names: import/export … from, bare import, import x = require, require(), import(). */
export function specifiersOf(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [/\bfrom\s+(['"])([^'"]+)\1/g, /^\s*import\s+(['"])([^'"]+)\1/gm, /\brequire\s*\(\s*(['"])([^'"]+)\1\s*\)/g, /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g];
  for (const pattern of patterns) for (const match of withoutComments.matchAll(pattern)) found.push(match[2]);
  return found;
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(path.join(repoRoot, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

const coreFiles = [...filesUnder('engine/src'), ...filesUnder('server/src')].filter((file) => !file.startsWith(nodeHost) && !NODE_SERVER_PIECES.includes(file));

/** What is wrong with one import of a core file: a Node built-in, the Node host, or a Node-only server piece. */
function problemOf(file: string, specifier: string): string | undefined {
  if (builtins.has(specifier) || specifier.startsWith('node:')) return `${file} imports the Node built-in '${specifier}'`;
  if (!specifier.startsWith('.')) return undefined;
  const target = path.relative(repoRoot, path.resolve(repoRoot, path.dirname(file), specifier)).split(path.sep).join('/');
  if (`${target}/`.startsWith(nodeHost)) return `${file} imports the Node host (${specifier})`;
  const piece = NODE_SERVER_PIECES.find((p) => p === `${target}.ts` || p === target);
  if (piece && !(REPLACED_BY_THE_BROWSER_BUILD.includes(piece) && path.dirname(file) === 'server/src')) return `${file} imports ${piece}, a piece of the Node build`;
  return undefined;
}

describe('no Node import in the engine and the server core', () => {
  it('finds every form of import (the check itself)', () => {
    const text = [
      "import fs = require('node:fs');",
      "import * as path from 'path';",
      'import { format } from "node:util";',
      "export { x } from '../../engine/src/node';",
      "import './nodeHost';",
      "const os = require('os') as typeof import('os');",
      "const lazy = await import('node:url');",
      "// import gone from 'node:v8';",
      "/* require('vm') */",
    ].join('\n');
    assert.deepEqual(specifiersOf(text).sort(), ['../../engine/src/node', './nodeHost', 'node:fs', 'node:url', 'node:util', 'os', 'os', 'path'].sort());
    assert.ok(problemOf('server/src/documents.ts', 'node:fs'));
    assert.ok(problemOf('server/src/documents.ts', 'url'));
    assert.ok(problemOf('server/src/documents.ts', '../../engine/src/node'));
    assert.ok(problemOf('engine/src/core/linter.ts', '../node/workspace'));
    assert.ok(problemOf('server/src/server.ts', './nodeHost'));
    assert.ok(problemOf('server/src/web/engine.ts', '../engine'), 'only server/src itself names ./engine, which the build replaces');
    assert.equal(problemOf('server/src/server.ts', './engine'), undefined);
    assert.equal(problemOf('engine/src/core/linter.ts', './paths'), undefined);
    assert.equal(problemOf('engine/src/core/linter.ts', 'yaml'), undefined);
  });

  it('in engine/src (outside engine/src/node/) and the server core', () => {
    assert.ok(coreFiles.length > 150, `${coreFiles.length} files checked`);
    assert.ok(coreFiles.includes('engine/src/core/linter.ts') && coreFiles.includes('server/src/documents.ts') && coreFiles.includes('server/src/web/main.ts'));
    const problems = coreFiles.flatMap((file) => specifiersOf(fs.readFileSync(path.join(repoRoot, file), 'utf8')).flatMap((specifier) => problemOf(file, specifier) ?? []));
    assert.deepEqual(problems, []);
  });

  it('the browser bundle has no file of the Node host or of the Node build', async () => {
    const esbuild = await import('esbuild');
    const { webOptions } = (await import(pathToFileURL(path.join(repoRoot, 'scripts', 'build-web.mjs')).href)) as { webOptions(root: string, production: boolean): Record<string, unknown> };
    const options = webOptions(repoRoot, true);
    // Only dockerfile-language-service's `https` is stubbed: an alias of another Node module would hide an import of ours.
    assert.deepEqual(Object.keys(options.alias as Record<string, string>).filter((name) => builtins.has(name)), ['https']);
    const result = await esbuild.build({ ...options, write: false, sourcemap: false, metafile: true });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.includes('engine/src/core/linter.ts') && inputs.includes('server/src/server.ts'), 'the metafile lists our files by their paths');
    assert.deepEqual(inputs.filter((input) => input.startsWith(nodeHost) || NODE_SERVER_PIECES.includes(input) || input.startsWith('node:')), []);
    // Only the shims that stand for libraries' imports are left (the files a lint reads come from web/fileCache.ts).
    assert.deepEqual(inputs.filter((input) => input.includes('/web/shims/')).sort(), ['server/src/web/shims/empty.ts', 'server/src/web/shims/globals.ts']);
  });
});
