import type { Property } from 'dockerfile-ast';
import { isSecretName } from '../../compose/environment';
import { defineDockerfileRule } from '../../core/rule';
import { instructionsOf } from '../../dockerfile/model';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/secret-in-arg-env',
    severity: 'error',
    description: '`ARG` with a secret-looking name, or `ENV` with one and a value.',
    rationale:
      'Build arguments and environment variables are stored in the image: `docker history` shows ARG values used by RUN steps (the value passed with `--build-arg`, so an `ARG` without a default is flagged too, as a warning) and `docker inspect` shows every ENV, to anyone who can pull the image. Names ending in `_ID` are public identifiers (`CLIENT_ID`, `APP_ID`) except `ACCESS_KEY_ID`, which (as AWS uses it) is half of a credential pair. Pass build-time secrets with `RUN --mount=type=secret,id=<name>` (read from `/run/secrets/<name>`), and runtime secrets through Docker or compose secrets, never through the Dockerfile.',
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
        if (!isSecretName(name)) continue;
        // A build argument is recorded in the image's history with the value passed to the build, default or not.
        const empty = value === null || value.trim() === '' || value.trim() === '""' || value.trim() === "''";
        if (empty && keyword !== 'ARG') continue;
        const range = property.getNameRange();
        report({
          start: file.lines.offsetAt(range.start),
          end: file.lines.offsetAt(range.end),
          // No value in the Dockerfile: the one passed with --build-arg still lands in the history.
          severity: empty ? 'warning' : undefined,
          message: `\`${keyword} ${name}\` puts a secret into the image (visible with \`docker history\`/\`docker inspect\`): pass it with \`RUN --mount=type=secret,id=${name.toLowerCase()}\` at build time, or as a Docker secret at run time.`,
        });
      }
    }
  },
});
