import rule from '../../../engine/src/rules/compose/image-tag';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  a:\n    image: redis:7.4\n',
    { name: 'digest', code: 'services:\n  a:\n    image: redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'interpolated', code: 'services:\n  a:\n    image: ${IMAGE}\n' },
    { name: 'registry with a port and a tag', code: 'services:\n  a:\n    image: registry.local:5000/team/app:1.2\n' },
    { name: 'built image named by the build', code: 'services:\n  a:\n    build: .\n    image: team/app\n' },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: redis # cache\n  b:\n    image: "ghcr.io/org/app:latest"\n  c:\n    image: registry.local:5000/app\n',
      errors: [
        { line: 3, column: 12, endColumn: 17, severity: 'warning', message: '"redis" has no tag, so it runs whatever `latest` is at pull time; pin a version.' },
        { line: 5, column: 12, endColumn: 36, message: '"ghcr.io/org/app:latest" uses the moving `latest` tag; pin a version so every deploy runs the same image.' },
        { line: 7, column: 12 },
      ],
    },
  ],
});
