import rule from '../../../engine/src/rules/compose/image-tag';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        a:
          image: redis:7.4
    `,
    { name: 'digest', code: source`
      services:
        a:
          image: redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    ` },
    { name: 'interpolated', code: source`
      services:
        a:
          image: \${IMAGE}
    ` },
    { name: 'registry with a port and a tag', code: source`
      services:
        a:
          image: registry.local:5000/team/app:1.2
    ` },
    { name: 'built image named by the build', code: source`
      services:
        a:
          build: .
          image: team/app
    ` },
  ],
  invalid: [
    {
      code: source`
        services:
          a:
            image: redis # cache
          b:
            image: "ghcr.io/org/app:latest"
          c:
            image: registry.local:5000/app
      `,
      errors: [
        { line: 3, column: 12, endColumn: 17, severity: 'warning', message: '"redis" has no tag, so it runs whatever `latest` is at pull time; pin a version.' },
        { line: 5, column: 12, endColumn: 36, message: '"ghcr.io/org/app:latest" uses the moving `latest` tag; pin a version so every deploy runs the same image.' },
        { line: 7, column: 12 },
      ],
    },
  ],
});
