import rule from '../../../engine/src/rules/dockerfile/chown-layer';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM python:3.13-slim\nWORKDIR /app\nCOPY --chown=app:app . .\n',
    { name: 'chown of a folder nothing was copied into', code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nRUN chown -R nginx /var/cache/nginx\n' },
    { name: 'not recursive', code: 'FROM debian:12-slim\nCOPY run.sh /run.sh\nRUN chown app /run.sh\n' },
  ],
  invalid: [
    {
      name: 'the seed\'s improved AI server: COPY into WORKDIR, then chown -R /app',
      code: 'FROM python:3.9.23-slim\nWORKDIR /app\nRUN groupadd -r appgroup && useradd -r -g appgroup appuser\nCOPY src/ ./src/\nCOPY config/ ./config/\n# Change ownership to non-root user\nRUN chown -R appuser:appgroup /app\nUSER appuser\n',
      errors: [{ line: 7, column: 5, endColumn: 35, message: '`chown -R` rewrites the files copied by line 4, 5 into a second layer: use `COPY --chown=appuser:appgroup`.', fixes: ['Use COPY --chown=appuser:appgroup and drop the chown'] }],
      unsafeOutput: 'FROM python:3.9.23-slim\nWORKDIR /app\nRUN groupadd -r appgroup && useradd -r -g appgroup appuser\nCOPY --chown=appuser:appgroup src/ ./src/\nCOPY --chown=appuser:appgroup config/ ./config/\n# Change ownership to non-root user\nUSER appuser\n',
    },
    {
      name: 'the seed\'s frontend: chained with other chowns, reported without a fix',
      code: 'FROM nginx:alpine\nCOPY --from=builder /app/dist /usr/share/nginx/html\nRUN chown -R nextjs:nodejs /usr/share/nginx/html \\\n    && chown -R nextjs:nodejs /var/cache/nginx\n',
      errors: [{ line: 3, column: 5, endColumn: 49, fixes: [] }],
    },
    {
      name: 'user created after the COPY: no fix',
      code: 'FROM debian:12-slim\nCOPY app /app\nRUN useradd -r app\nRUN chown -R app /app\n',
      errors: [{ line: 4, column: 5, fixes: [] }],
    },
  ],
});
