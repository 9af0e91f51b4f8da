import rule from '../../../engine/src/rules/dockerfile/copy-relative-destination';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    'FROM node:22-alpine\nCOPY package.json /app/\n',
    'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\n',
    { name: 'Windows paths, quoted too, and variables', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.ps1 c:\\\\tools\\\\a.ps1\nCOPY b.ps1 "d:\\\\x\\\\b.ps1"\nCOPY c.ps1 c:/tools/\nCOPY d $DEST\nCOPY e "${DEST}"\n' },
    { name: 'WORKDIR in a stage this one builds on', code: source`
      FROM node:22-alpine AS base
      WORKDIR /app
      FROM base AS deps
      RUN npm ci
      FROM deps
      COPY . .
    ` },
    { name: 'JSON form with an absolute destination', code: 'FROM node:22-alpine\nCOPY ["a b", "/app/"]\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22-alpine\nCOPY package.json ./\nWORKDIR /app\nCOPY . .\n',
      errors: [{ line: 2, column: 19, endColumn: 21, message: "`COPY` to the relative `./` with no `WORKDIR` set: it lands in the base image's working directory. Set `WORKDIR` first or use an absolute path." }],
    },
    {
      name: 'a WORKDIR in a stage not built on does not count; quoted; ADD in JSON form',
      code: source`
        FROM debian:12 AS one
        WORKDIR /usr
        FROM debian:12
        COPY foo "bar"
        ADD ["x.tgz", "opt"]
      `,
      errors: [{ line: 4, column: 10, endColumn: 15 }, { line: 5, column: 15, endColumn: 21 }],
    },
  ],
});
