/**
 * Property-based fuzzing, CI-sized (a few hundred cases): mutated corpus files and generated compose models never
 * make lint throw or a rule error, each case ends in bounded time, and fix outputs parse and keep their comments;
 * generated Dockerfiles (heredocs, trailing escapes) and environment values (block scalars, quotes, escapes, `$$`)
 * also fix to a fixed point, keep or move every value, and get no instruction glued to another.
 * `npm run fuzz` runs the same property over 100,000+ cases (test/reliability/fuzz-long.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkCase, corpusFiles, environmentComposeCase, fuzzArbitrary, generatedComposeCase, generatedDockerfileCase } from './fuzz-cases';
import { lint, memoryWorkspace } from '../../engine/src/index';

const seed = Number(process.env.FUZZ_SEED ?? 20261125);
const files = corpusFiles(6_000);
// Generous: the test machine runs other test files at the same time.
const maxMs = 15_000;

describe('fuzz (CI-sized)', () => {
  it(`mutated corpus files and generated models (seed ${seed}): no rule error, bounded time, fix outputs parse`, { timeout: 600_000 }, () => {
    let cases = 0;
    fc.assert(
      fc.property(fuzzArbitrary(files), (input) => {
        cases++;
        checkCase(input, { maxMs, unsafe: cases % 2 === 0 });
      }),
      { seed, numRuns: 200 },
    );
    console.log(`fuzz: ${cases} cases, seed ${seed} (replay: FUZZ_SEED=${seed})`);
  });

  it('alias bombs, cycles, deep nesting and huge inputs stay bounded', { timeout: 300_000 }, () => {
    const bomb = ['services:', '  app:', '    image: nginx:1.27', ''];
    bomb.push('x-lol0: &lol0 "lol"');
    for (let level = 1; level <= 12; level++) bomb.push(`x-lol${level}: &lol${level} [${Array(12).fill(`*lol${level - 1}`).join(', ')}]`);
    bomb.push('x-cycle: &c [*c]', '');
    const inputs = [
      { name: 'billion laughs 12x12', text: bomb.join('\n') },
      { name: 'alias bomb used by a service', text: bomb.join('\n') + 'x-more:\n  <<: *lol12\n' },
      { name: 'self-referencing alias', text: 'services: &s\n  a: *s\n' },
      { name: 'deep flow nesting', text: `services:\n  a:\n    image: nginx:1.27\n    labels: ${'['.repeat(3000)}${']'.repeat(3000)}\n` },
      { name: 'deep block nesting', text: 'services:\n  a:\n    image: x:1\n    x-deep:\n' + Array.from({ length: 2000 }, (_, i) => `${' '.repeat(6 + i)}k${i}:`).join('\n') + '\n' },
      { name: '5 MB plain scalar', text: `services:\n  a:\n    image: nginx:1.27\n    command: ${'x'.repeat(5 * 1024 * 1024)}\n` },
      // yaml composes double-quoted scalars at ~1.5 µs a character: 1 MB keeps this case to a few seconds.
      { name: '1 MB quoted scalar', text: `services:\n  a:\n    image: nginx:1.27\n    command: "${'x'.repeat(1024 * 1024)}"\n` },
      { name: 'empty', text: '' },
      { name: 'only a BOM', text: '\uFEFF' },
      { name: 'binary', text: 'services:\n\u0000\u0001\u0002\uFFFD' },
    ];
    for (const input of inputs) {
      const started = performance.now();
      checkCase({ kind: 'compose', origin: input.name, text: input.text }, { maxMs: 60_000, unsafe: true });
      const ms = performance.now() - started;
      assert.ok(ms < 60_000, `${input.name}: ${ms.toFixed(0)} ms`);
    }
    assert.ok(process.memoryUsage().rss < 3 * 1024 ** 3, `RSS ${(process.memoryUsage().rss / 1024 ** 2).toFixed(0)} MB`);
    // A Dockerfile with a huge instruction and deep line continuations.
    const dockerfile = 'FROM debian:12\nRUN ' + Array.from({ length: 5000 }, (_, i) => `echo ${i} \\`).join('\n') + '\n  && true\n';
    checkCase({ kind: 'dockerfile', origin: 'long continuation', text: dockerfile }, { maxMs: 60_000, unsafe: true });
    assert.ok(lint('/x/Dockerfile', dockerfile, { workspace: memoryWorkspace({}) }).problems.length >= 0);
  });

  it(`issue 15 shapes (seed ${seed + 2}): heredocs, trailing escapes, environment values in every YAML spelling; fixing twice changes nothing, no value dropped`, { timeout: 300_000 }, () => {
    const shapes = fc.oneof(generatedDockerfileCase(), environmentComposeCase());
    fc.assert(fc.property(shapes, (input) => checkCase(input, { maxMs, unsafe: true, twice: true })), { seed: seed + 2, numRuns: 120 });
  });

  it('environment values with list items as block scalars (seeds 1 and 3, where the conversion threw "overlapping edits")', { timeout: 300_000 }, () => {
    for (const caseSeed of [1, 3]) {
      fc.assert(fc.property(environmentComposeCase(), (input) => checkCase(input, { maxMs, unsafe: true, twice: true })), { seed: caseSeed, numRuns: 300 });
    }
  });

  it('generated compose models alone (unsafe fixes)', { timeout: 300_000 }, () => {
    fc.assert(fc.property(generatedComposeCase(), (input) => checkCase(input, { maxMs, unsafe: true })), { seed: seed + 1, numRuns: 100 });
  });
});
