import rule from '../../../engine/src/rules/compose/undefined-reference';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        web:
          image: nginx:1.27
          depends_on: [db]
          networks: [front, default]
          volumes:
            - data:/data
            - ./conf:/etc/conf
            - /host:/host
            - /anonymous
            - type: volume
              source: data
              target: /more
          secrets:
            - api_key
            - source: cert
              target: server.crt
          configs: [nginx_conf]
          volumes_from: [db]
        db:
          image: postgres:16
          network_mode: "service:web"
          extends: web
      networks:
        front:
      volumes:
        data:
      secrets:
        api_key:
          file: ./api_key.txt
        cert:
          file: ./cert.pem
      configs:
        nginx_conf:
          file: ./nginx.conf
    `,
    { name: 'include may define the rest', code: 'include:\n  - ./base.yaml\nservices:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n' },
    { name: 'an overlay uses the base file\'s definitions', filename: 'docker-compose.override.yml', code: 'services:\n  web:\n    networks: [gateway]\n    depends_on: [db]\n', files: { 'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: redis:7\nnetworks:\n  gateway:\n' } },
    { name: 'extends from another file', code: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n' },
  ],
  invalid: [
    {
      code: source`
        services:
          web:
            image: nginx:1.27
            depends_on:
              dbb:
                condition: service_started
            networks:
              backend:
            volumes:
              - cache:/cache:ro
              - type: volume
                source: logs
                target: /logs
            secrets: [token]
            configs:
              - source: conf
            extends:
              service: base
            volumes_from: ["service:other:ro"]
      `,
      errors: [
        { line: 5, column: 7, endColumn: 10, severity: 'error', message: 'Service "web" refers to the service "dbb", which is not defined in this file.' },
        { line: 8, column: 7, message: 'Service "web" refers to the network "backend", which is not defined in this file.' },
        { line: 10, column: 9, message: 'Service "web" refers to the volume "cache", which is not defined in this file.' },
        { line: 12, column: 17, message: /the volume "logs"/ },
        { line: 14, column: 15, message: /the secret "token"/ },
        { line: 16, column: 17, message: /the config "conf"/ },
        { line: 18, column: 16, message: /the service "base"/ },
        { line: 19, column: 20, message: /the service "other"/ },
      ],
    },
    {
      name: 'an overlay: what neither file defines is reported',
      filename: 'compose.prod.yaml',
      code: 'services:\n  web:\n    networks: [gateway, missing]\n',
      files: { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\nnetworks:\n  gateway:\n' },
      errors: [{ line: 3, column: 25, message: 'Service "web" refers to the network "missing", which is not defined in this file.' }],
    },
  ],
});
