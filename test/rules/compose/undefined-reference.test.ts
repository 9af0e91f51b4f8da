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
    { name: 'include may define the rest', code: source`
      include:
        - ./base.yaml
      services:
        web:
          image: nginx:1.27
          depends_on: [db]
    ` },
    { name: 'an overlay uses the base file\'s definitions', filename: 'docker-compose.override.yml', code: source`
      services:
        web:
          networks: [gateway]
          depends_on: [db]
    `, files: { 'docker-compose.yml': source`
      services:
        web:
          image: nginx:1.27
        db:
          image: redis:7
      networks:
        gateway:
    ` } },
    { name: 'extends from another file', code: source`
      services:
        web:
          extends:
            file: common.yaml
            service: base
    ` },
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
      code: source`
        services:
          web:
            networks: [gateway, missing]
      `,
      files: { 'compose.yaml': source`
        services:
          web:
            image: nginx:1.27
        networks:
          gateway:
      ` },
      errors: [{ line: 3, column: 25, message: 'Service "web" refers to the network "missing", which is not defined in this file or the files Compose merges it with.' }],
    },
  ],
});
