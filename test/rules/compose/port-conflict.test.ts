import rule from '../../../engine/src/rules/compose/port-conflict';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        a:
          image: nginx:1.27
          ports: ["8080:80", "8080:80/udp", "127.0.0.1:9000:9000"]
        b:
          image: nginx:1.27
          ports: ["127.0.0.2:9000:9000", "80"]
    `,
    { name: 'disjoint profiles', code: source`
      services:
        a:
          image: nginx:1.27
          profiles: [dev]
          ports: ["80:80"]
        b:
          image: nginx:1.27
          profiles: [prod]
          ports: ["80:80"]
    ` },
    {
      name: 'the override repeats a port of the same service (Compose merges its ports into one list)',
      filename: 'compose.override.yaml',
      files: { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n' },
      code: source`
        services:
          web:
            ports:
              - "8080:80"
      `,
    },
  ],
  invalid: [
    {
      code: source`
        services:
          a:
            image: nginx:1.27
            ports:
              - "127.0.0.1:8080:80"
              - 3000-3002:3000-3002
          b:
            image: nginx:1.27
            ports:
              - "8080:8080"
              - target: 80
                published: "3001"
          c:
            image: nginx:1.27
            ports:
              - "5000:5000"
              - "5000:5001"
      `,
      errors: [
        { line: 10, column: 9, endColumn: 20, severity: 'error', message: 'Host port 8080/tcp is published twice: service "a" already publishes it.' },
        { line: 12, column: 20, message: 'Host port 3001/tcp is published twice: service "a" already publishes it.' },
        { line: 17, column: 9, message: 'Host port 5000/tcp is published twice: this service already publishes it.' },
      ],
    },
    {
      name: 'the first earlier publication on an overlapping address, in a profile that runs with it',
      code: source`
        services:
          a:
            image: nginx:1.27
            profiles: [dev]
            ports: ["127.0.0.1:80:80"]
          b:
            image: nginx:1.27
            profiles: [prod]
            ports: ["80:80"]
          c:
            image: nginx:1.27
            profiles: [dev, prod]
            ports: ["10.0.0.1:80:80"]
          d:
            image: nginx:1.27
            ports: ["127.0.0.1:80:80"]
          e:
            image: nginx:1.27
            profiles: [test]
            ports: ["0.0.0.0:80:80"]
      `,
      errors: [
        { line: 13, column: 13, message: 'Host port 80/tcp is published twice: service "b" already publishes it.' },
        { line: 16, column: 13, message: 'Host port 80/tcp is published twice: service "a" already publishes it.' },
        { line: 20, column: 13, message: 'Host port 80/tcp is published twice: service "d" already publishes it.' },
      ],
    },
    {
      name: 'a service of the override publishes a host port a service of the base publishes',
      filename: 'compose.override.yaml',
      files: { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n' },
      code: source`
        services:
          admin:
            image: adminer:4.8.1
            ports:
              - "8080:8080"
      `,
      errors: [{ line: 5, column: 9, severity: 'error', message: 'Host port 8080/tcp is published twice: service "web" of compose.yaml already publishes it.' }],
    },
  ],
});
