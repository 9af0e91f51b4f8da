import rule from '../../../engine/src/rules/dockerfile/workdir-absolute';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM node:22-alpine\nWORKDIR /app\n', 'FROM node:22-alpine\nWORKDIR $HOME/app\n', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n', 'FROM node:22-alpine\nWORKDIR "/my app"\n',
    { name: 'a Windows drive root keeps its backslash', code: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR 'C:\\'\n" },
    { name: 'a Windows path with forward slashes', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR "c:/app"\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22-alpine\nWORKDIR app\n',
      errors: [{ line: 2, column: 9, endColumn: 12, message: '`WORKDIR app` is relative to whatever the previous working directory was: use an absolute path.' }],
    },
    {
      name: 'quoted, in a snippet without FROM',
      code: "WORKDIR 'relative/dir'\n",
      errors: [{ line: 1, column: 9, endColumn: 23, message: '`WORKDIR relative/dir` is relative to whatever the previous working directory was: use an absolute path.' }],
    },
  ],
});
