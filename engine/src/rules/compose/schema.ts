import { defineComposeRule } from '../../core/rule';

export default defineComposeRule({
  meta: {
    id: 'compose/schema',
    severity: 'error',
    description: 'The file is not valid YAML or does not follow the Compose Specification.',
    rationale:
      'Compose refuses a file it cannot parse or validate, so nothing starts. The problem is shown at the offending key or value so it can be fixed where it is.',
    examples: {
      incorrect: ['services:\n  web:\n    image: "nginx:1.27\n'],
      correct: ['services:\n  web:\n    image: nginx:1.27\n'],
    },
  },
  check({ file, report }) {
    for (const error of file.syntaxErrors) {
      report({ start: error.start, end: error.end, message: `YAML syntax error: ${error.message}` });
    }
  },
});
