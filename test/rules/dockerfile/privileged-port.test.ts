import rule from '../../../engine/src/rules/dockerfile/privileged-port';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80\n',
    source`
      FROM nginx:1.27
      USER nginx
      EXPOSE 8080
    `,
    source`
      FROM nginx:1.27
      USER nginx
      USER root
      EXPOSE 80
    `,
    { name: 'only the final stage', code: source`
      FROM node:22 AS build
      USER node
      EXPOSE 80
      FROM nginx:1.27
      EXPOSE 80
    ` },
  ],
  invalid: [
    {
      code: source`
        FROM nginx:1.27
        USER nginx
        EXPOSE 8080 443/tcp
      `,
      errors: [{ line: 3, column: 13, endColumn: 20, message: 'Port 443 is below 1024, which user `nginx` cannot bind without CAP_NET_BIND_SERVICE: listen on a port above 1023 and map it when publishing.' }],
    },
    {
      name: 'USER inherited from the stage it builds on',
      code: source`
        FROM node:22-alpine AS base
        USER node
        FROM base
        EXPOSE 80
      `,
      errors: [{ line: 4, column: 8, endColumn: 10 }],
    },
  ],
});
