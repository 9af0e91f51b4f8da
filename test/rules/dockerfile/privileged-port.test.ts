import rule from '../../../engine/src/rules/dockerfile/privileged-port';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80\n',
    'FROM nginx:1.27\nUSER nginx\nEXPOSE 8080\n',
    'FROM nginx:1.27\nUSER nginx\nUSER root\nEXPOSE 80\n',
    { name: 'only the final stage', code: 'FROM node:22 AS build\nUSER node\nEXPOSE 80\nFROM nginx:1.27\nEXPOSE 80\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nUSER nginx\nEXPOSE 8080 443/tcp\n',
      errors: [{ line: 3, column: 13, endColumn: 20, message: 'Port 443 is below 1024, which user `nginx` cannot bind without CAP_NET_BIND_SERVICE: listen on a port above 1023 and map it when publishing.' }],
    },
    {
      name: 'USER inherited from the stage it builds on',
      code: 'FROM node:22-alpine AS base\nUSER node\nFROM base\nEXPOSE 80\n',
      errors: [{ line: 4, column: 8, endColumn: 10 }],
    },
  ],
});
