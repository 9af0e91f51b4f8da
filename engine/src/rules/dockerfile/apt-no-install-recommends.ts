import { defineDockerfileRule } from '../../core/rule';
import { aptInstalls, commandSpan } from '../../dockerfile/commands';
import { hasOption, insertAfter } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-no-install-recommends',
    severity: 'warning',
    description: '`apt-get install` without `--no-install-recommends`.',
    rationale:
      'By default apt also installs every "recommended" package, which often doubles the size of the layer and adds binaries (and their CVEs) the application never uses. `--no-install-recommends` installs exactly what is named; add the few recommended packages you really need by name.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n'],
      correct: ['FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n'],
    },
    aliases: ['DL3015'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const found of aptInstalls(file)) {
      const { command } = found;
      if (hasOption(command, ['--no-install-recommends'])) continue;
      if (command.args.some((word) => /APT::Install-Recommends=(false|0|no)/i.test(word.value))) continue;
      // After the options that directly follow `install` (`install -y` → `install -y --no-install-recommends`).
      let anchor = found.verb;
      for (const word of found.rest) {
        if (!/^-[A-Za-z-]+$/.test(word.value)) break;
        anchor = word;
      }
      report({
        ...commandSpan(found),
        message: '`apt-get install` without `--no-install-recommends` also installs every recommended package.',
        fixes: [{ title: 'Add --no-install-recommends', safe: true, edits: [insertAfter(found.script, anchor, '--no-install-recommends')], preferred: true }],
      });
    }
  },
});
