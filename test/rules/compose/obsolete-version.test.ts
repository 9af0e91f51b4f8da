import rule from '../../../engine/src/rules/compose/obsolete-version';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: ['services:\n  web:\n    image: nginx:1.27\n', { name: 'a service key named version', code: 'services:\n  version:\n    image: nginx:1.27\n' }],
  invalid: [
    {
      code: "# stack\nversion: '3.8'\n\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ line: 2, column: 1, endColumn: 8, severity: 'info', message: 'The top-level `version` key is obsolete: Compose ignores it and warns on every run.', fixes: ['Remove the obsolete `version` key'] }],
      output: '# stack\nservices:\n  web:\n    image: nginx:1.27\n',
    },
  ],
});
