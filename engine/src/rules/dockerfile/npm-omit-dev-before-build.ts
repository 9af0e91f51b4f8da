import { defineDockerfileRule } from '../../core/rule';
import { findCommands, type FoundCommand } from '../../dockerfile/commands';
import { removeWord, type ShellWord } from '../../dockerfile/shell';

const NPM_INSTALL = ['ci', 'install', 'i', 'clean-install', 'isntall', 'add'];

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/npm-omit-dev-before-build',
    severity: 'error',
    description: '`npm ci`/`npm install` without dev dependencies, then `npm run build` in the same stage.',
    rationale:
      'Build tools (Vite, TypeScript, webpack, Babel) are dev dependencies. Installing with `--only=production`, `--omit=dev` or `--production` and then running `npm run build` in the same stage fails (or, worse, builds with whatever global tool happens to be there). Install everything in the build stage; leave out dev dependencies only in the runtime stage, which copies the built files.',
    examples: {
      incorrect: ['FROM node:22-alpine AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --only=production\nCOPY . .\nRUN npm run build\n'],
      correct: ['FROM node:22-alpine AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n'],
    },
    fixable: 'safe',
  },
  check({ file, report }) {
    const installs = findCommands(file, ['npm'], NPM_INSTALL);
    const builds = [
      ...findCommands(file, ['npm'], ['run', 'run-script']).filter((found) => /build/.test(found.rest.find((w) => !w.value.startsWith('-'))?.value ?? '')),
      ...findCommands(file, ['npm', 'yarn', 'pnpm'], ['build']),
    ];
    for (const install of installs) {
      const later = builds.find((build) => build.stage === install.stage && build.command.start > install.command.start);
      if (!later) continue;
      for (const { words, flag } of productionFlags(install)) {
        report({
          start: words[0].start,
          end: words[words.length - 1].end,
          message: `\`${flag}\` leaves out the dev dependencies, but \`${buildText(later)}\` runs later in this stage and needs them.`,
          fixes: [{ title: `Remove ${flag}`, safe: true, edits: words.map((word) => removeWord(file, install.script, word)), preferred: true }],
        });
      }
    }
  },
});

function buildText(found: FoundCommand): string {
  const words = [found.command.program, found.verb, ...found.rest.slice(0, found.verb.value === 'build' ? 0 : 1)];
  return words.filter((word): word is ShellWord => word !== undefined).map((word) => word.value).join(' ');
}

/** `--only=production`, `--only prod`, `--omit=dev`, `--omit dev`, `--production` (with their value word). */
function productionFlags(found: FoundCommand): { words: ShellWord[]; flag: string }[] {
  const flags: { words: ShellWord[]; flag: string }[] = [];
  const args = found.rest;
  for (let index = 0; index < args.length; index++) {
    const value = args[index].value;
    if (/^--only=prod(uction)?$/.test(value) || value === '--omit=dev' || value === '--production' || value === '--production=true') {
      flags.push({ words: [args[index]], flag: value });
    } else if ((value === '--only' && /^prod(uction)?$/.test(args[index + 1]?.value ?? '')) || (value === '--omit' && args[index + 1]?.value === 'dev')) {
      flags.push({ words: [args[index], args[index + 1]], flag: `${value} ${args[index + 1].value}` });
      index++;
    }
  }
  return flags;
}
