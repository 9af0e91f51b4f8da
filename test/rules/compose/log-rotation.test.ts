import rule from '../../../engine/src/rules/compose/log-rotation';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        web:
          image: nginx:1.27
          logging:
            driver: json-file
            options:
              max-size: "10m"
    `,
    { name: 'another driver', code: source`
      services:
        web:
          image: nginx:1.27
          logging:
            driver: syslog
    ` },
    { name: 'shared anchor', code: source`
      x-logging: &default-logging
        driver: local
        options:
          max-size: "10m"
      services:
        web:
          image: nginx:1.27
          logging: *default-logging
    ` },
  ],
  invalid: [
    {
      name: 'one service: per-service fix only',
      code: source`
        services:
          web:
            image: nginx:1.27
      `,
      errors: [{ line: 2, column: 3, severity: 'warning', message: 'Service "web" keeps its logs without a size limit, so they can fill the disk.', fixes: ['Rotate logs (max-size 10m, max-file 3)'] }],
      output: source`
        services:
          web:
            image: nginx:1.27
            logging:
              driver: json-file
              options:
                max-size: "10m"
                max-file: "3"
      `,
    },
    {
      name: 'existing logging without max-size: reported on `logging`, options completed',
      code: source`
        services:
          web:
            image: nginx:1.27
            logging:
              driver: json-file
              options:
                max-file: "5"
      `,
      errors: [{ line: 4, column: 5, endColumn: 12, fixes: ['Rotate logs (max-size 10m, max-file 3)'] }],
      output: source`
        services:
          web:
            image: nginx:1.27
            logging:
              driver: json-file
              options:
                max-file: "5"
                max-size: "10m"
      `,
    },
    {
      name: 'several services: the shared anchor is the second fix',
      code: source`
        # stack
        services:
          web:
            image: nginx:1.27
          cache:
            image: redis:7
      `,
      errors: [
        { line: 3, column: 3, fixes: ['Rotate logs (max-size 10m, max-file 3)', 'Rotate logs of 2 services with a shared `x-logging` anchor'] },
        { line: 5, column: 3, fixes: ['Rotate logs (max-size 10m, max-file 3)', 'Rotate logs of 2 services with a shared `x-logging` anchor'] },
      ],
      output: source`
        # stack
        services:
          web:
            image: nginx:1.27
            logging:
              driver: json-file
              options:
                max-size: "10m"
                max-file: "3"
          cache:
            image: redis:7
            logging:
              driver: json-file
              options:
                max-size: "10m"
                max-file: "3"
      `,
    },
  ],
});
