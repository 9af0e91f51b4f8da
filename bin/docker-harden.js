#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
let source;
try {
  source = readSource(fs.readFileSync(bundle));
} catch {
  process.stderr.write('docker-harden: the CLI is not built yet; run `npm run build` first\n');
  process.exit(2);
}
runWithCodeCache(source);

/**
 * Runs the bundle like `require` does, with V8's code cache: the first run saves the compiled code, later runs skip
 * parsing and compiling the bundle (most of a small check's time). Node 22's `module.enableCompileCache()` does
 * this; Node 20 has only `vm.Script`'s cachedData. The cache lives in the user's own cache folder (mode 0700) under a
 * name made of the bundle's path, size and mtime, Node's version and the platform; a stale or foreign cache is rejected by
 * V8 and rewritten. DOCKER_HARDEN_NO_CODE_CACHE=1 turns it off. Any failure of the cache falls back to a plain run.
 */
function runWithCodeCache(text) {
  const vm = require('vm');
  const Module = require('module');
  const cacheFile = codeCacheFile();
  let cachedData;
  if (cacheFile) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(text), { filename: bundle, cachedData });
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  const wrapper = script.runInThisContext({ displayErrors: true });
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    // After the run, so the cache holds the functions this run compiled too.
    process.once('exit', () => saveCodeCache(script, cacheFile));
  }
  wrapper.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
}

/**
 * The bundle's text. The build writes it in ASCII (esbuild's `charset: 'ascii'`, checked by scripts/build.mjs), which
 * decodes fastest as latin1: the same characters.
 */
function readSource(bytes) {
  return bytes.toString('latin1');
}

function codeCacheFile() {
  if (process.env.DOCKER_HARDEN_NO_CODE_CACHE) return undefined;
  try {
    const os = require('os');
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
    const stat = fs.statSync(bundle);
    const key = `${pathHash(bundle)}-${process.version}-${process.arch}-${stat.size}-${Math.trunc(stat.mtimeMs)}`;
    return path.join(base, 'docker-harden', `cli-${key}.v8cache`);
  } catch {
    return undefined;
  }
}

/** FNV-1a of the bundle's path, in hex: installations in different folders keep separate caches. */
function pathHash(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

function saveCodeCache(script, cacheFile) {
  try {
    const dir = path.dirname(cacheFile);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temporary, cacheFile);
    // Caches of earlier builds of this installation, or of other Node versions, are never read again.
    const mine = `cli-${pathHash(bundle)}-`;
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(mine) && name !== path.basename(cacheFile)) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // A read-only home or a full disk: run without the cache.
  }
}
