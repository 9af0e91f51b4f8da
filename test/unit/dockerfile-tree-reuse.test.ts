/**
 * The Dockerfile lint shares dockerfile-ast's work: each instruction is split into arguments once, and
 * dockerfile-utils' validation reads the tree the model already parsed. Both must give exactly what the libraries
 * give on their own: the validator's diagnostics for every corpus Dockerfile and broken variants of them, and every
 * instruction's arguments, asked for twice.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { it } from 'node:test';
import { parseDockerfile, reusingTree } from '../../engine/src/dockerfile/model';
import { readManifest } from '../reliability/lib';

// The modules the engine uses (loaded, and patched, by its first parse), taken before the fresh copies below.
parseDockerfile('/x/Dockerfile', 'FROM scratch\n');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engineUtils = require('dockerfile-utils') as typeof import('dockerfile-utils');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engineAst = require('dockerfile-ast') as typeof import('dockerfile-ast');

// The unpatched libraries, loaded apart from the modules the engine patches.
function freshLibraries(): { validate: (text: string) => unknown[]; parse: (text: string) => { getInstructions(): { getArguments(): { getValue(): string }[] }[] } } {
  for (const id of Object.keys(require.cache)) if (/[\\/]node_modules[\\/]dockerfile-(ast|utils)[\\/]/.test(id)) delete require.cache[id];
  const utils = require('dockerfile-utils') as typeof import('dockerfile-utils');
  const ast = require('dockerfile-ast') as typeof import('dockerfile-ast');
  return { validate: (text) => utils.validate(text), parse: (text) => ast.DockerfileParser.parse(text) };
}

const dockerfiles = readManifest()
  .filter((entry) => entry.kind === 'dockerfile')
  .map((entry) => fs.readFileSync(entry.absolutePath, 'utf8'));

/** Each file, and variants with the kinds of damage the validator reports: a bad flag, a lost argument, a stray line. */
const texts = dockerfiles.flatMap((text) => [
  text,
  text.replace(/^COPY /m, 'COPY --chownn=1 '),
  text.replace(/^EXPOSE .*$/m, 'EXPOSE port'),
  text.replace(/^(FROM \S+)/m, '$1 builder'),
  `${text}\nRUN\n`,
  text.replace(/\n/, '\nFROOM x\n'),
]);

it(`validation on the shared tree gives the library's own diagnostics (${texts.length} texts)`, () => {
  assert.ok(dockerfiles.length >= 10, `only ${dockerfiles.length} corpus Dockerfiles`);
  const plain = freshLibraries();
  assert.notEqual(plain.parse, engineAst.DockerfileParser.parse);
  for (const text of texts) {
    const file = parseDockerfile('/x/Dockerfile', text);
    const shared = reusingTree(file, () => engineUtils.validate(text));
    assert.deepEqual(JSON.parse(JSON.stringify(shared)), JSON.parse(JSON.stringify(plain.validate(text))));
  }
});

it('while it runs, the parser answers that text with the model\'s tree; anything else, and afterwards, is parsed', () => {
  const file = parseDockerfile('/x/Dockerfile', 'FROM alpine:3.20\nRUN echo hi\n');
  reusingTree(file, () => {
    assert.equal(engineAst.DockerfileParser.parse(file.text), file.ast);
    assert.notEqual(engineAst.DockerfileParser.parse('FROM scratch\n'), file.ast);
  });
  assert.notEqual(engineAst.DockerfileParser.parse(file.text), file.ast);
  const fail = () => {
    throw new Error('boom');
  };
  assert.throws(() => reusingTree(file, fail), /boom/);
  assert.notEqual(engineAst.DockerfileParser.parse(file.text), file.ast, 'restored after a throw');
});

it('arguments split once are the arguments, and a caller that changes its list does not change the next one', () => {
  const plain = freshLibraries();
  for (const text of texts) {
    const file = parseDockerfile('/x/Dockerfile', text);
    const expected = plain.parse(text).getInstructions().map((instruction) => instruction.getArguments().map((argument) => argument.getValue()));
    const first = file.ast.getInstructions().map((instruction) => instruction.getArguments());
    for (const list of first) list.length = 0;
    const second = file.ast.getInstructions().map((instruction) => instruction.getArguments().map((argument) => argument.getValue()));
    assert.deepEqual(second, expected);
  }
});
