import { defineDockerfileRule } from '../../core/rule';
import type { Fix } from '../../core/types';
import { stageFamily } from '../../dockerfile/facts';
import { insertLines } from '../../dockerfile/insert';
import type { DockerfileFile } from '../../dockerfile/model';
import { readRun, setsPipefail, type RunScript } from '../../dockerfile/shell';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/pipefail',
    severity: 'warning',
    description: 'A `RUN` with a pipe and no `pipefail`.',
    rationale:
      'A pipeline\'s exit status is that of its last command: in `RUN curl -fsSL $URL | tar -xz` a failed download still "succeeds" when tar gets empty input, and the build goes on with a broken image. With `pipefail` any failing command fails the step. Debian\'s `/bin/sh` (dash) has no `pipefail`, so there the fix switches the stage to bash with a `SHELL` instruction; on Alpine, busybox sh supports `set -o pipefail`.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt\n'],
      correct: ['FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt\n'],
    },
    aliases: ['DL4006'],
    fixable: 'safe',
  },
  check({ file, report }) {
    for (const stage of file.stages) {
      let shellPipefail = false;
      let posixShell = true;
      let shellFixOffered = false;
      const family = stageFamily(file, stage);
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword === 'SHELL') {
          const content = instruction.getArgumentsContent() ?? '';
          shellPipefail = /pipefail/.test(content);
          posixShell = /\b(ba|z|k|a|da)?sh\b/.test(content) && !/pwsh|powershell|cmd/i.test(content);
          continue;
        }
        if (keyword !== 'RUN' || shellPipefail || !posixShell) continue;
        const script = readRun(file, instruction);
        if (script.exec) continue;
        let pipefailSet = false;
        for (let index = 0; index < script.commands.length; index++) {
          const command = script.commands[index];
          if (setsPipefail(command)) pipefailSet = true;
          if (pipefailSet || command.after !== '|' || command.before === '|') continue;
          let last = index;
          while (script.commands[last].after === '|' && last + 1 < script.commands.length) last++;
          const fix = pipefailFix(file, family, script, shellFixOffered);
          if (fix && !fix.edits[0].text.startsWith('set')) shellFixOffered = true;
          report({
            start: command.start,
            end: script.commands[last].end,
            message: 'This pipeline only fails when its last command fails: set `pipefail` so a failing command fails the build.',
            fixes: fix ? [fix] : [],
          });
          break;
        }
      }
    }
  },
});

function pipefailFix(file: DockerfileFile, family: string, script: RunScript, shellFixOffered: boolean): Fix | undefined {
  if (family === 'alpine' || family === 'busybox') {
    const first = script.commands[0];
    return { title: 'Add set -o pipefail', safe: true, edits: [{ start: first.start, end: first.start, text: script.heredoc ? `set -o pipefail${file.eol}` : 'set -o pipefail && ' }], preferred: true };
  }
  if ((family === 'debian' || family === 'rhel') && !shellFixOffered) {
    const edit = insertLines(file, script.start, `SHELL ["/bin/bash", "-o", "pipefail", "-c"]${file.eol}`);
    return edit && { title: 'Run this stage with bash -o pipefail (SHELL)', safe: true, edits: [edit], preferred: true };
  }
  return undefined;
}
