import type { Property } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';
import { allRuns, pipInstalls } from '../../dockerfile/commands';

/** Environment variables that switch TLS verification off when set to these values. */
const INSECURE_ENV: Record<string, RegExp> = {
  NODE_TLS_REJECT_UNAUTHORIZED: /^["']?0["']?$/,
  PYTHONHTTPSVERIFY: /^["']?0["']?$/,
  GIT_SSL_NO_VERIFY: /^["']?(1|true)["']?$/i,
};

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/tls-verification',
    severity: 'error',
    description: 'TLS certificate verification switched off (`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `git -c http.sslVerify=false`, `PYTHONHTTPSVERIFY=0`).',
    rationale:
      'Without certificate verification anyone on the network path (a proxy, a compromised Wi-Fi, a DNS hijack) can serve the build different packages or scripts, which then run with root inside the image. Fix the certificate problem instead: install `ca-certificates`, or add your company CA to the trust store.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN curl -kfsSLo /tmp/tool.tgz https://example.com/tool.tgz\n', 'FROM node:22-alpine\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n'],
      correct: ['FROM debian:12-slim\nRUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz\n'],
    },
  },
  check({ file, report }) {
    const flag = (start: number, end: number, what: string) =>
      report({ start, end, message: `${what} switches off TLS certificate verification: anyone on the network path can change what the build downloads.` });
    for (const { script } of allRuns(file)) {
      for (const command of script.commands) {
        for (const word of command.assignments) {
          const [name, value] = [word.value.slice(0, word.value.indexOf('=')), word.value.slice(word.value.indexOf('=') + 1)];
          if (INSECURE_ENV[name]?.test(value)) flag(word.start, word.end, `\`${word.value}\``);
        }
        const args = command.args;
        if (command.name === 'curl') {
          for (const word of args) {
            if (word.value === '--insecure' || (/^-[A-Za-z]+$/.test(word.value) && word.value.includes('k'))) flag(word.start, word.end, `\`curl ${word.value}\``);
          }
        }
        if (command.name === 'wget') {
          for (const word of args) if (word.value === '--no-check-certificate') flag(word.start, word.end, '`wget --no-check-certificate`');
        }
        if (command.name === 'git') {
          args.forEach((word, index) => {
            const setting = word.value === '-c' ? args[index + 1] : undefined;
            if (setting && /^http\.(?:[^=]*\.)?sslverify=(false|0|no)$/i.test(setting.value)) flag(word.start, setting.end, `\`git -c ${setting.value}\``);
            if (/^http\.(?:[^=]*\.)?sslverify$/i.test(word.value) && /^(false|0|no)$/i.test(args[index + 1]?.value ?? '') && args.some((w) => w.value === 'config')) {
              flag(word.start, args[index + 1].end, `\`git config ${word.value} ${args[index + 1].value}\``);
            }
          });
        }
        if ((command.name === 'npm' || command.name === 'yarn') && args.some((w) => w.value === 'config')) {
          args.forEach((word, index) => {
            if (/^strict-ssl$/.test(word.value) && /^false$/.test(args[index + 1]?.value ?? '')) flag(word.start, args[index + 1].end, `\`${command.name} config set strict-ssl false\``);
          });
        }
      }
    }
    for (const found of pipInstalls(file)) {
      for (const word of found.command.args) {
        if (word.value === '--trusted-host' || word.value.startsWith('--trusted-host=')) flag(word.start, word.end, '`pip --trusted-host`');
      }
    }
    for (const { instruction } of instructionsOf(file, ['ENV', 'ARG'], { preamble: true })) {
      for (const property of (instruction as typeof instruction & { getProperties?: () => Property[] }).getProperties?.() ?? []) {
        const value = property.getValue();
        const test = INSECURE_ENV[property.getName()];
        if (value === null || !test || !test.test(value)) continue;
        const start = file.lines.offsetAt(property.getNameRange().start);
        const valueRange = property.getValueRange();
        flag(start, valueRange ? file.lines.offsetAt(valueRange.end) : start + property.getName().length, `\`${property.getName()}=${value}\``);
      }
    }
  },
});
