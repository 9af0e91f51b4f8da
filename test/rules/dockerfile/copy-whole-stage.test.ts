import rule from '../../../engine/src/rules/dockerfile/copy-whole-stage';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['FROM debian:12 AS build\nFROM debian:12\nCOPY / /\nCOPY --from=build /app /\nCOPY --from=build / /app\n'],
  invalid: [
    {
      code: 'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build / /\nCOPY --from=build "/" "/"\n',
      errors: [{ line: 3, column: 1, endColumn: 22, message: 'This copies the whole file system of the other stage over this one: copy only the folders with the artefacts.' }, { line: 4, column: 1 }],
    },
  ],
});
