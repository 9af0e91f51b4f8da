import { defineDockerfileRule } from '../../core/rule';
import { findCommandsByName } from '../../dockerfile/commands';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/curl-and-wget',
    severity: 'info',
    strict: true,
    description: 'A stage downloads with both `curl` and `wget`.',
    rationale:
      'Each download tool is a package in the image with its own options, defaults and vulnerabilities to follow. A stage that uses both could use one.',
    examples: {
      incorrect: ['FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a.tgz\nRUN wget -q https://example.com/b.tgz\n'],
      correct: ['FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz\n'],
    },
    aliases: ['DL4001'],
  },
  check({ file, report }) {
    const found = findCommandsByName(file, ['curl', 'wget']);
    const stages = new Set(found.map((entry) => entry.stage));
    for (const stage of stages) {
      const inStage = found.filter((entry) => entry.stage === stage);
      const names = new Set(inStage.map((entry) => entry.command.name));
      if (names.size < 2) continue;
      // The tool used less often is the one to drop (wget on a tie).
      const wgets = inStage.filter((entry) => entry.command.name === 'wget');
      const curls = inStage.filter((entry) => entry.command.name === 'curl');
      const minority = wgets.length <= curls.length ? wgets : curls;
      const other = minority === wgets ? 'curl' : 'wget';
      for (const { command } of minority) report({ start: command.program!.start, end: command.end, message: `This stage downloads with \`${other}\` too: use one tool.` });
    }
  },
});
