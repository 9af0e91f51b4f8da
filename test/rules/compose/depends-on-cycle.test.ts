import rule from '../../../engine/src/rules/compose/depends-on-cycle';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

/** `count` services, each depending on the next, the last on the first. */
function ring(count: number): string {
  const services = Array.from({ length: count }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    depends_on: [s${(i + 1) % count}]\n`);
  return `services:\n${services.join('')}`;
}

ruleTester(rule, {
  valid: [source`
    services:
      a:
        image: nginx:1.27
        depends_on: [b, c]
      b:
        image: nginx:1.27
        depends_on: [c]
      c:
        image: nginx:1.27
  `],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
            depends_on:
              b:
                condition: service_healthy
          b:
            image: nginx:1.27
            depends_on: [c]
          c:
            image: nginx:1.27
            depends_on:
              - a
          d:
            image: nginx:1.27
            depends_on: [d]
      `,
      errors: [
        { line: 13, column: 9, endColumn: 10, severity: 'error', message: '`depends_on` cycle: a → b → c → a; Compose cannot find a start order.' },
        { line: 16, column: 18, message: '`depends_on` cycle: d → d; Compose cannot find a start order.' },
      ],
    },
    {
      name: 'a cycle of 13 services shows its ends and its length',
      code: ring(13),
      errors: [{ line: 40, column: 18, message: '`depends_on` cycle: s0 → s1 → s2 → s3 → s4 → … → s8 → s9 → s10 → s11 → s12 → s0 (13 services); Compose cannot find a start order.' }],
    },
    {
      // The recursive search overflowed the stack here.
      name: 'a cycle of 20,000 services',
      code: ring(20_000),
      errors: [{ line: 60_001, column: 18, message: '`depends_on` cycle: s0 → s1 → s2 → s3 → s4 → … → s19995 → s19996 → s19997 → s19998 → s19999 → s0 (20000 services); Compose cannot find a start order.' }],
    },
  ],
});
