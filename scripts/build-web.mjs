// The browser build (issue 22): dist/web/server.js, the language server for a web worker, with the engine inside,
// and dist/web/extension.js, the extension's "browser" entry. Our own code imports no Node module there (guarded by
// test/web/no-node-imports.test.ts); the worker-thread engine and the idle collector are replaced by their browser
// versions (server/src/web/engine.ts, memory.ts), and the libraries' Node leftovers by shims (server/src/web/shims:
// dockerfile-language-service's `https`, dockerfile-ast's `Buffer.from`). The Node build is untouched.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const shims = 'server/src/web/shims';

/** `./engine` and `./memory` of server/src: their browser versions in server/src/web. */
function browserModules(root) {
  const serverSrc = path.join(root, 'server/src');
  const replaced = new Map([
    ['./engine', path.join(serverSrc, 'web/engine.ts')],
    ['./memory', path.join(serverSrc, 'web/memory.ts')],
  ]);
  return {
    name: 'browser-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\/(engine|memory)$/ }, (args) => {
        if (path.dirname(args.importer) !== serverSrc) return undefined;
        return { path: replaced.get(args.path) };
      });
    },
  };
}

/**
 * dockerfile-language-service's main module loads its LanguageService class, which loads every feature of the
 * library; this build gets server/src/dockerfileLanguageService.ts in its place (the methods the server and the
 * engine call, written as the class writes them): 50 KB less.
 */
function slimDockerfileLanguageService(root) {
  return {
    name: 'slim-dockerfile-language-service',
    setup(build) {
      build.onResolve({ filter: /^\.\/languageService$/ }, (args) => {
        if (!/[\\/]dockerfile-language-service[\\/]lib[\\/]main\.js$/.test(args.importer)) return undefined;
        return { path: path.join(root, 'server/src/dockerfileLanguageService.ts') };
      });
    },
  };
}

/**
 * Data as a smaller literal: every object becomes an array, the index of its key list (its shape, in a table of the
 * distinct key lists) then its values, every array becomes -1 then its items; `unpack` rebuilds the same objects, keys
 * in the same order, when the bundle loads. Key names repeated on every entry of a table are what this saves (the
 * image knowledge base 10 KB, the compose schema 6 KB, minified). `packedModule` checks that the data unpacks to
 * what it was before it gives the module.
 */
const unpackSource = '(shapes, data) => { const unpack = (value) => (!Array.isArray(value) ? value : value[0] < 0 ? value.slice(1).map(unpack) : Object.fromEntries(shapes[value[0]].map((key, i) => [key, unpack(value[i + 1])]))); return unpack(data); }';

function pack(value) {
  const shapes = [];
  const shapeIndex = new Map();
  const encode = (item) => {
    if (Array.isArray(item)) return [-1, ...item.map(encode)];
    if (item === null || typeof item !== 'object') return item;
    const keys = Object.keys(item);
    const id = JSON.stringify(keys);
    if (!shapeIndex.has(id)) {
      shapeIndex.set(id, shapes.length);
      shapes.push(keys);
    }
    return [shapeIndex.get(id), ...keys.map((key) => encode(item[key]))];
  };
  const data = encode(value);
  return { shapes, data };
}

/** `(${unpackSource})(shapes, data)` for a JSON value, checked to give the value back. */
function packedExpression(value, what) {
  const { shapes, data } = pack(value);
  const unpack = (0, eval)(`(${unpackSource})`);
  if (JSON.stringify(unpack(shapes, data)) !== JSON.stringify(value)) throw new Error(`build-web: ${what} does not unpack to itself`);
  return `(${unpackSource})(${JSON.stringify(shapes)}, ${JSON.stringify(data)})`;
}

/** dclint's compose.schema.json (completion, hover, and the validator's root schema) packed. */
function packedComposeSchema() {
  return {
    name: 'packed-compose-schema',
    setup(build) {
      build.onLoad({ filter: /[\\/]dclint[\\/]schemas[\\/]compose\.schema\.json$/ }, (args) => {
        const schema = JSON.parse(fs.readFileSync(args.path, 'utf8'));
        return { contents: `module.exports = ${packedExpression(schema, args.path)};\n`, loader: 'js' };
      });
    },
  };
}

/**
 * spdx-license-ids' lists (the license ids compose/dockerfile label rules check, 10 KB) as one string split at load:
 * the same array without a quote pair and comma per id (1.4 KB). Checked here: no id is empty or holds a space.
 */
function licenseIdsAsOneString() {
  return {
    name: 'license-ids-as-one-string',
    setup(build) {
      build.onLoad({ filter: /[\\/]spdx-license-ids[\\/](index|deprecated)\.json$/ }, (args) => {
        const ids = JSON.parse(fs.readFileSync(args.path, 'utf8'));
        if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !/^\S+$/.test(id))) throw new Error(`build-web: ${args.path} is not a list of ids without spaces`);
        return { contents: `module.exports = ${JSON.stringify(ids.join(' '))}.split(' ');\n`, loader: 'js' };
      });
    },
  };
}

/**
 * The image knowledge base without each entry's `sources`, the list of every file read to make the entry (39 KB of
 * URLs that no code reads; the primary `source`, which the image hover shows, stays), packed (`pack`).
 */
function knowledgeWithoutSourceLists() {
  const declaration = 'export const IMAGE_KB: ImageKbData = ';
  return {
    name: 'knowledge-without-source-lists',
    setup(build) {
      build.onLoad({ filter: /[\\/]engine[\\/]src[\\/]knowledge[\\/]image-kb-data\.ts$/ }, (args) => {
        const text = fs.readFileSync(args.path, 'utf8').trimEnd();
        const at = text.indexOf(declaration);
        if (at < 0 || !text.endsWith(';')) throw new Error(`build-web: ${args.path} no longer has the expected shape`);
        const data = JSON.parse(text.slice(at + declaration.length, -1));
        for (const entry of data.entries) delete entry.sources;
        return { contents: `export const IMAGE_KB = ${packedExpression(data, args.path)};\n`, loader: 'ts' };
      });
    },
  };
}

/**
 * The compose validator's own copy of the compose schema (the literal of its root schema, 20 KB) becomes dclint's
 * compose.schema.json, which this bundle has already for completion and hover, prepared at first use as the generator
 * prepared it (scripts/compose-schema.mjs). Checked here: the prepared schema is the literal.
 */
function composeSchemaOnce(root) {
  const schemaFile = path.join(root, 'node_modules/dclint/schemas/compose.schema.json');
  const prepare = path.join(root, 'scripts/compose-schema.mjs');
  return {
    name: 'compose-schema-once',
    setup(build) {
      build.onLoad({ filter: /[\\/]engine[\\/]src[\\/]compose[\\/]spec-validator\.generated\.js$/ }, async (args) => {
        const code = fs.readFileSync(args.path, 'utf8');
        const { composeSchemaForValidation } = await import(pathToFileURL(prepare).href);
        const prepared = JSON.stringify(composeSchemaForValidation(JSON.parse(fs.readFileSync(schemaFile, 'utf8'))));
        const root = /const (schema\d+) = (\{.*?\});(?=const |function |\n)/.exec(code);
        if (!root || root[2] !== prepared) throw new Error(`build-web: the root schema of ${args.path} is not dclint's compose.schema.json as scripts/compose-schema.mjs prepares it`);
        const contents = code.replace(root[0], () => `const ${root[1]} = require(${JSON.stringify(prepare)}).composeSchemaForValidation(require(${JSON.stringify(schemaFile)}));`);
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * Rules without their `meta.examples` (whole example files for the docs and the docs test, 20 KB of the bundle) and
 * `meta.description` (the one line the docs, the CLI's SARIF output and the rules table show, 7 KB): the server and
 * the engine read a rule's id, severity, aliases, strict, tags, roles and rationale (a problem's hover), never its
 * examples or description. Each property is cut from the source text where TypeScript's parser finds it
 * (`meta: { ... examples: ..., description: ... }` in the rule's define call).
 */
const cutRuleMeta = ['examples', 'description'];
function rulesWithoutExamples(root) {
  const ts = createRequire(path.join(root, 'package.json'))('typescript');
  return {
    name: 'rules-without-examples',
    setup(build) {
      build.onLoad({ filter: /[\\/]engine[\\/]src[\\/]rules[\\/](compose|dockerfile)[\\/][^\\/]+\.ts$/ }, (args) => {
        const text = fs.readFileSync(args.path, 'utf8');
        const source = ts.createSourceFile(args.path, text, ts.ScriptTarget.Latest, true);
        const cuts = [];
        const visit = (node) => {
          if (ts.isPropertyAssignment(node) && cutRuleMeta.includes(node.name.getText(source)) && ts.isObjectLiteralExpression(node.parent)) {
            const meta = node.parent.parent;
            if (ts.isPropertyAssignment(meta) && meta.name.getText(source) === 'meta') {
              const after = text.slice(node.end).match(/^\s*,/);
              cuts.push([node.getStart(source), node.end + (after ? after[0].length : 0)]);
              return;
            }
          }
          ts.forEachChild(node, visit);
        };
        visit(source);
        if (cuts.length > cutRuleMeta.length) throw new Error(`build-web: ${args.path} has ${cuts.length} meta properties named ${cutRuleMeta.join(' or ')}`);
        const contents = cuts.reduceRight((code, [start, end]) => code.slice(0, start) + code.slice(end), text);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * dockerfile-language-service's plain-text documentation (dockerPlainText.js, 24 KB minified) holds, beside the 33
 * texts a hover or a completion item shows to a client that asks for plain text, the texts of every signature help
 * (`signature...` keys), which only the library's DockerSignatures reads, and signature help is not in this bundle
 * (server/src/dockerfileLanguageService.ts). This build's copy of the module keeps the texts of the other keys,
 * taken from the library itself at build time, so a hover or a completion item is the same in either format: 19 KB
 * less. Checked here: every kept text is one the Markdown documentation has a key for (the keys a hover or a
 * completion item asks), and the bundle has no module that reads a signature text.
 */
function plainTextWithoutSignatures(root) {
  const library = path.join(root, 'node_modules/dockerfile-language-service/lib');
  const load = createRequire(path.join(library, 'main.js'));
  return {
    name: 'plain-text-without-signatures',
    setup(build) {
      build.onLoad({ filter: /[\\/]dockerfile-language-service[\\/]lib[\\/]dockerPlainText\.js$/ }, (args) => {
        const { PlainTextDocumentation } = load(args.path);
        const { MarkdownDocumentation } = load(path.join(path.dirname(args.path), 'dockerMarkdown.js'));
        const texts = new PlainTextDocumentation().markdowns;
        const kept = Object.fromEntries(Object.entries(texts).filter(([key]) => !key.startsWith('signature')));
        const markdownKeys = Object.keys(new MarkdownDocumentation().markdowns).sort();
        if (JSON.stringify(Object.keys(kept).sort()) !== JSON.stringify(markdownKeys)) throw new Error(`build-web: ${args.path}: the plain-text keys other than signature help are not the Markdown keys`);
        const contents = [
          '"use strict";',
          'Object.defineProperty(exports, "__esModule", { value: true });',
          'exports.PlainTextDocumentation = void 0;',
          `var markdowns = ${JSON.stringify(kept)};`,
          'var PlainTextDocumentation = function () { this.markdowns = markdowns; };',
          'PlainTextDocumentation.prototype.getDocumentation = function (data) { return this.markdowns[data]; };',
          'exports.PlainTextDocumentation = PlainTextDocumentation;',
          '',
        ].join('\n');
        return { contents, loader: 'js' };
      });
      build.onEnd((result) => {
        const signatures = Object.keys(result.metafile?.inputs ?? {}).filter((input) => /dockerfile-language-service[\\/]lib[\\/]dockerSignatures\.js$/.test(input));
        if (signatures.length > 0) return { errors: [{ text: `build-web: ${signatures[0]} (signature help) is in the bundle, and this build dropped its plain-text documentation` }] };
        return undefined;
      });
    },
  };
}

export function webOptions(root, production) {
  const shim = (name) => `./${shims}/${name}.ts`;
  return {
    ...browserOptions(root, production),
    entryPoints: ['server/src/web/main.ts'],
    outfile: 'dist/web/server.js',
    format: 'iife',
    alias: {
      yaml: './node_modules/yaml/browser/index.js',
      // One copy of each: dockerfile-language-service has its own older ones in its node_modules (3.17.3, 1.0.8), which
      // the newer ones (3.18, 1.0.16) extend; an alias is resolved from the working directory, so every import gets
      // the top-level copy.
      'vscode-languageserver-types': 'vscode-languageserver-types',
      'vscode-languageserver-textdocument': 'vscode-languageserver-textdocument',
      'vscode-languageserver/node': 'vscode-languageserver/browser',
      // dockerfile-language-service's registry client (kept off); nothing of ours names a Node module
      // (test/web/no-node-imports.test.ts).
      https: shim('empty'),
    },
    inject: [shim('globals')],
    plugins: [browserModules(root), slimDockerfileLanguageService(root), knowledgeWithoutSourceLists(), composeSchemaOnce(root), rulesWithoutExamples(root), plainTextWithoutSignatures(root), packedComposeSchema(), licenseIdsAsOneString()],
    metafile: true,
  };
}

/**
 * The client's web worker entry (client/src/browser.ts, package.json `"browser"`): dist/web/extension.js, CommonJS
 * as the editor's web worker extension host loads it, with `vscode` from the host. A `node:` import in the client
 * fails this build (nothing is shimmed here).
 */
export function webClientOptions(root, production) {
  return {
    ...browserOptions(root, production),
    entryPoints: ['client/src/browser.ts'],
    outfile: 'dist/web/extension.js',
    format: 'cjs',
    external: ['vscode'],
  };
}

/** What both browser bundles are: for a browser (its package entries and conditions), minified for a release. */
function browserOptions(root, production) {
  return {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    absWorkingDir: root,
    charset: 'utf8',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser'],
  };
}

/** Builds dist/web/server.js and dist/web/extension.js; returns the server's size in bytes. */
export async function buildWeb(root, { production = false } = {}) {
  await Promise.all([esbuild.build(webOptions(root, production)), esbuild.build(webClientOptions(root, production))]);
  return fs.statSync(path.join(root, 'dist/web/server.js')).size;
}
