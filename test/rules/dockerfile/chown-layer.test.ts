import rule from '../../../engine/src/rules/dockerfile/chown-layer';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      FROM python:3.13-slim
      WORKDIR /app
      COPY --chown=app:app . .
    `,
    { name: 'chown of a folder nothing was copied into', code: source`
      FROM nginx:1.27
      COPY site /usr/share/nginx/html
      RUN chown -R nginx /var/cache/nginx
    ` },
    { name: 'the COPY already uses --chown (issue 16: a chown -R after it is no advice to use --chown)', code: source`
      FROM node:22-slim
      WORKDIR /app
      COPY --chown=node:node package.json ./
      COPY --chown=1000:1000 src/ ./src/
      RUN chown -R node:node /app
    ` },
    { name: 'not recursive', code: source`
      FROM debian:12-slim
      COPY run.sh /run.sh
      RUN chown app /run.sh
    ` },
  ],
  invalid: [
    {
      name: 'the seed\'s improved AI server: COPY into WORKDIR, then chown -R /app',
      code: source`
        FROM python:3.9.23-slim
        WORKDIR /app
        RUN groupadd -r appgroup && useradd -r -g appgroup appuser
        COPY src/ ./src/
        COPY config/ ./config/
        # Change ownership to non-root user
        RUN chown -R appuser:appgroup /app
        USER appuser
      `,
      errors: [{ line: 7, column: 5, endColumn: 35, message: '`chown -R` rewrites the files copied by line 4, 5 into a second layer: use `COPY --chown=appuser:appgroup`.', fixes: ['Use COPY --chown=appuser:appgroup and drop the chown'] }],
      unsafeOutput: source`
        FROM python:3.9.23-slim
        WORKDIR /app
        RUN groupadd -r appgroup && useradd -r -g appgroup appuser
        COPY --chown=appuser:appgroup src/ ./src/
        COPY --chown=appuser:appgroup config/ ./config/
        # Change ownership to non-root user
        USER appuser
      `,
    },
    {
      name: 'the seed\'s frontend: chained with other chowns, reported without a fix',
      code: source`
        FROM nginx:alpine
        COPY --from=builder /app/dist /usr/share/nginx/html
        RUN chown -R nextjs:nodejs /usr/share/nginx/html \
            && chown -R nextjs:nodejs /var/cache/nginx
      `,
      errors: [{ line: 3, column: 5, endColumn: 49, fixes: [] }],
    },
    {
      name: 'only the COPY without --chown is named; the fix adds --chown to it alone',
      code: source`
        FROM python:3.13-slim
        RUN useradd -r app
        WORKDIR /app
        COPY --chown=app:app requirements.txt ./
        COPY src/ ./src/
        RUN chown -R app:app /app
      `,
      errors: [{ line: 6, column: 5, message: '`chown -R` rewrites the files copied by line 5 into a second layer: use `COPY --chown=app:app`.', fixes: ['Use COPY --chown=app:app and drop the chown'] }],
      unsafeOutput: source`
        FROM python:3.13-slim
        RUN useradd -r app
        WORKDIR /app
        COPY --chown=app:app requirements.txt ./
        COPY --chown=app:app src/ ./src/
      `,
    },
    {
      name: 'another COPY under the target has --chown with another owner: dropping the chown would change it, no fix',
      code: source`
        FROM python:3.13-slim
        RUN useradd -r app
        COPY --chown=root:root conf/ /app/conf/
        COPY src/ /app/src/
        RUN chown -R app:app /app
      `,
      errors: [{ line: 5, column: 5, message: '`chown -R` rewrites the files copied by line 4 into a second layer: use `COPY --chown=app:app`.', fixes: [] }],
    },
    {
      name: 'user created after the COPY: no fix',
      code: source`
        FROM debian:12-slim
        COPY app /app
        RUN useradd -r app
        RUN chown -R app /app
      `,
      errors: [{ line: 4, column: 5, fixes: [] }],
    },
  ],
});
