import type { Property } from 'dockerfile-ast';
import { isSecretName } from '../../compose/environment';
import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/secret-in-arg-env',
    severity: 'error',
    description: '`ARG` or `ENV` with a secret-looking name and a value.',
    rationale:
      'Build arguments and environment variables are stored in the image: `docker history` shows ARG values used by RUN steps and `docker inspect` shows every ENV, to anyone who can pull the image. Pass build-time secrets with `RUN --mount=type=secret,id=<name>` (read from `/run/secrets/<name>`), and runtime secrets through Docker or compose secrets, never through the Dockerfile.',
    examples: {
      incorrect: ['FROM node:22-alpine\nENV NPM_TOKEN=abc123\n', 'FROM python:3.13-slim\nARG DB_PASSWORD=changeme\n'],
      correct: ['FROM node:22-alpine\nRUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci\n', 'FROM python:3.13-slim\nARG DB_PASSWORD_FILE=/run/secrets/db_password\n'],
    },
    aliases: ['DL3064', 'SecretsUsedInArgOrEnv'],
  },
  check({ file, report }) {
    for (const { instruction } of instructionsOf(file, ['ARG', 'ENV'], { preamble: true })) {
      const keyword = instruction.getKeyword();
      const properties = (instruction as typeof instruction & { getProperties?: () => Property[] }).getProperties?.() ?? [];
      for (const property of properties) {
        const name = property.getName();
        const value = property.getValue();
        if (!isSecretName(name) || value === null || value.trim() === '' || value.trim() === '""' || value.trim() === "''") continue;
        const range = property.getNameRange();
        report({
          start: file.lines.offsetAt(range.start),
          end: file.lines.offsetAt(range.end),
          message: `\`${keyword} ${name}\` puts a secret into the image (visible with \`docker history\`/\`docker inspect\`): pass it with \`RUN --mount=type=secret,id=${name.toLowerCase()}\` at build time, or as a Docker secret at run time.`,
        });
      }
    }
  },
});
