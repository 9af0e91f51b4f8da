import rule from '../../../engine/src/rules/compose/obsolete-version';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [source`
    services:
      web:
        image: nginx:1.27
  `, { name: 'a service key named version', code: source`
    services:
      version:
        image: nginx:1.27
  ` }],
  invalid: [
    {
      code: source`
        # stack
        version: '3.8'

        services:
          web:
            image: nginx:1.27
      `,
      errors: [{ line: 2, column: 1, endColumn: 8, severity: 'info', message: 'The top-level `version` key is obsolete: Compose ignores it and warns on every run.', fixes: ['Remove the obsolete `version` key'] }],
      output: source`
        # stack
        services:
          web:
            image: nginx:1.27
      `,
    },
  ],
});
