import rule from '../../../engine/src/rules/compose/restart-policy';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        web:
          image: nginx:1.27
          restart: always
    `,
    { name: 'deploy.restart_policy', code: source`
      services:
        web:
          image: nginx:1.27
          deploy:
            restart_policy:
              condition: on-failure
    ` },
    { name: 'one-shot service others wait for', code: source`
      services:
        migrate:
          image: example/migrate:1.0
        web:
          image: nginx:1.27
          restart: unless-stopped
          depends_on:
            migrate:
              condition: service_completed_successfully
    ` },
  ],
  invalid: [
    {
      code: source`
        services:
          web:
            image: nginx:1.27
            # ports below
            ports:
              - "80:80"
          worker:
            build: .
            restart: "no"
      `,
      errors: [{ line: 2, column: 3, endColumn: 6, severity: 'info', message: 'Service "web" has no restart policy: after a crash or a reboot it stays down.', fixes: ['Add `restart: unless-stopped`'] }],
      output: source`
        services:
          web:
            image: nginx:1.27
            # ports below
            ports:
              - "80:80"
            restart: unless-stopped
          worker:
            build: .
            restart: "no"
      `,
    },
  ],
});
