import rule from '../../../engine/src/rules/compose/healthcheck-curl-fail';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        api:
          image: example/api:1.4
          healthcheck:
            test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
    `,
    { name: 'combined short flags, --fail, --fail-with-body', code: source`
      services:
        a:
          image: example/api:1.4
          healthcheck:
            test: curl -fsS http://localhost:8080/health || exit 1
        b:
          image: example/api:1.4
          healthcheck:
            test: ["CMD-SHELL", "curl --silent --fail http://localhost/ready"]
        c:
          image: example/api:1.4
          healthcheck:
            test: ["CMD", "curl", "--fail-with-body", "http://localhost/"]
    ` },
    { name: 'the test reads the status or the body itself', code: source`
      services:
        a:
          image: example/api:1.4
          healthcheck:
            test: ["CMD-SHELL", "curl -s -o /dev/null -w '%{http_code}' http://localhost/ | grep -q 200"]
        b:
          image: example/api:1.4
          healthcheck:
            test: curl -s http://localhost:9200/_cluster/health | grep -vq '"status":"red"'
    ` },
    { name: 'wget, and curl only as a word of another command', code: source`
      services:
        a:
          image: example/api:1.4
          healthcheck:
            test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]
        b:
          image: example/api:1.4
          healthcheck:
            test: echo curl
    ` },
  ],
  invalid: [
    {
      name: 'exec form, a health route: safe -f after curl (issue 16)',
      code: source`
        services:
          api:
            image: example/api:1.4
            healthcheck:
              test: ["CMD", "curl", "http://localhost:8080/api/health"]
              interval: 30s
      `,
      errors: [{ line: 5, column: 13, message: 'The healthcheck of "api" calls curl without `-f`: curl exits 0 on an HTTP error such as 500, so a failing service counts as healthy.', fixes: ['Add -f to curl'] }],
      output: source`
        services:
          api:
            image: example/api:1.4
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost:8080/api/health"]
              interval: 30s
      `,
    },
    {
      name: 'shell string with || exit 1, and CMD-SHELL: -f in the string',
      code: source`
        services:
          a:
            image: example/api:1.4
            healthcheck:
              test: curl -s http://localhost:3000/healthz || exit 1
          b:
            image: example/api:1.4
            healthcheck:
              test: ["CMD-SHELL", "curl -s http://localhost:3000/-/ready"]
      `,
      errors: [
        { line: 5, column: 13, fixes: ['Add -f to curl'] },
        { line: 9, column: 13, fixes: ['Add -f to curl'] },
      ],
      output: source`
        services:
          a:
            image: example/api:1.4
            healthcheck:
              test: curl -f -s http://localhost:3000/healthz || exit 1
          b:
            image: example/api:1.4
            healthcheck:
              test: ["CMD-SHELL", "curl -f -s http://localhost:3000/-/ready"]
      `,
    },
    {
      name: 'block sequence; a path that is no health route: unsafe, says what to verify',
      code: source`
        services:
          web:
            image: example/web:2
            healthcheck:
              test:
                - CMD
                - curl
                - http://localhost/
      `,
      errors: [{ line: 6, column: 9, fixes: ['Add -f to curl (verify: `/` answers with a status below 400)'] }],
      output: null,
      unsafeOutput: source`
        services:
          web:
            image: example/web:2
            healthcheck:
              test:
                - CMD
                - curl
                - -f
                - http://localhost/
      `,
    },
    {
      name: 'not a plain curl call: reported without a fix; a healthcheck shared through an anchor once',
      code: source`
        x-hc: &hc
          test: curl -s http://localhost/health && touch /tmp/ok
        services:
          a:
            image: example/api:1.4
            healthcheck: *hc
          b:
            image: example/api:1.4
            healthcheck: *hc
      `,
      errors: [{ line: 2, column: 9, fixes: [] }],
    },
  ],
});
