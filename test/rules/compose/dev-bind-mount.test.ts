import rule from '../../../engine/src/rules/compose/dev-bind-mount';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        api:
          build: ./api
          volumes:
            - ./api/models:/app/models
            - ./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml
            - data:/data
            - /var/log/app:/logs
      volumes:
        data:
    `,
    // Where the mounts belong: Compose's override file and development files.
    ...['docker-compose.override.yml', 'compose.override.yaml', 'docker-compose.dev.yml', 'compose-local.yaml', 'docker-compose.development.yml'].map((filename) => ({
      name: filename,
      filename,
      code: source`
        services:
          web:
            build: .
            volumes:
              - .:/app
              - ./src:/app/src
      `,
    })),
  ],
  invalid: [
    {
      name: 'base file: every source mount moves to a new docker-compose.override.yml in one fix',
      filename: 'docker-compose.yml',
      code: source`
        services:
          ai:
            build:
              context: ./backend/ai
            volumes:
              - ./backend/ai/src:/app/src  # hot reload
              - ./backend/ai/models:/app/models
          web:
            image: node:22
            volumes:
              - .:/app
      `,
      errors: [
        { line: 6, column: 9, endColumn: 34, severity: 'info', message: 'Service "ai" mounts source code from the host (hot reload); keep it in docker-compose.override.yml so production runs the image.', fixes: ['Move 2 source bind mounts to docker-compose.override.yml'] },
        { line: 11, column: 9, fixes: ['Move 2 source bind mounts to docker-compose.override.yml'] },
      ],
      output: null,
      unsafeOutput: source`
        services:
          ai:
            build:
              context: ./backend/ai
            volumes:
              - ./backend/ai/models:/app/models
          web:
            image: node:22
      `,
      unsafeFiles: {
        // The comment of the mount goes with it.
        'docker-compose.override.yml': source`
          # Development only: Compose merges this file over docker-compose.yml when both are present.
          services:
            ai:
              volumes:
                - ./backend/ai/src:/app/src  # hot reload
            web:
              volumes:
                - .:/app
        `,
      },
    },
    {
      name: 'existing override: appended to the service, or the service added',
      filename: 'compose.yaml',
      code: source`
        services:
          web:
            image: node:22
            volumes:
              - ./src:/app/src
          api:
            image: node:22
            volumes:
              - ./api:/srv/api
      `,
      files: { 'compose.override.yaml': source`
        services:
          web:
            ports:
              - "3000:3000"
            volumes:
              - ./cache:/cache
      ` },
      errors: [
        { line: 5, column: 9, message: 'Service "web" mounts source code from the host (hot reload); keep it in compose.override.yaml so production runs the image.', fixes: ['Move 2 source bind mounts to compose.override.yaml'] },
        { line: 9, column: 9 },
      ],
      output: null,
      unsafeOutput: source`
        services:
          web:
            image: node:22
          api:
            image: node:22
      `,
      unsafeFiles: { 'compose.override.yaml': source`
        services:
          web:
            ports:
              - "3000:3000"
            volumes:
              - ./cache:/cache
              - ./src:/app/src
          api:
            volumes:
              - ./api:/srv/api
      ` },
    },
    {
      name: 'comment lines directly above a moved mount go with it; those of the mounts that stay, and of `volumes:`, stay',
      filename: 'docker-compose.yml',
      code: source`
        services:
          ai:
            build:
              context: ./backend/ai
            volumes:
              # hot reload of the code
              - ./backend/ai/src:/app/src
              # the models, not code
              - ./backend/ai/models:/app/models  # large
              # the library, live
              # (edited with the app)
              - ./backend/ai/lib:/app/lib
          web:
            image: node:22
            # mounts for development
            volumes:  # all of them
              # the whole checkout
              - .:/app
      `,
      errors: [
        { line: 7, column: 9, fixes: ['Move 3 source bind mounts to docker-compose.override.yml'] },
        { line: 12, column: 9 },
        { line: 18, column: 9 },
      ],
      output: null,
      unsafeOutput: source`
        services:
          ai:
            build:
              context: ./backend/ai
            volumes:
              # the models, not code
              - ./backend/ai/models:/app/models  # large
          web:
            image: node:22
            # mounts for development
            # all of them
      `,
      unsafeFiles: {
        'docker-compose.override.yml': source`
          # Development only: Compose merges this file over docker-compose.yml when both are present.
          services:
            ai:
              volumes:
                # hot reload of the code
                - ./backend/ai/src:/app/src
                # the library, live
                # (edited with the app)
                - ./backend/ai/lib:/app/lib
            web:
              volumes:
                # the whole checkout
                - .:/app
        `,
      },
    },
    {
      name: 'existing override: the comments go into its list, into a new volumes key, and with a new service',
      filename: 'compose.yaml',
      code: source`
        services:
          web:
            image: node:22
            volumes:
              # live code
              - ./src:/app/src  # hot reload
          api:
            image: node:22
            volumes:
              - ./api:/srv/api  # the API
          worker:
            image: node:22
            volumes:
              # the jobs
              - ./worker:/app
      `,
      files: { 'compose.override.yaml': source`
        services:
          web:
            volumes:
              - ./cache:/cache
          api:
            ports:
              - "3000:3000"
      ` },
      errors: [
        { line: 6, column: 9, fixes: ['Move 3 source bind mounts to compose.override.yaml'] },
        { line: 10, column: 9 },
        { line: 15, column: 9 },
      ],
      output: null,
      unsafeOutput: source`
        services:
          web:
            image: node:22
          api:
            image: node:22
          worker:
            image: node:22
      `,
      unsafeFiles: { 'compose.override.yaml': source`
        services:
          web:
            volumes:
              - ./cache:/cache
              # live code
              - ./src:/app/src  # hot reload
          api:
            ports:
              - "3000:3000"
            volumes:
              - ./api:/srv/api  # the API
          worker:
            volumes:
              # the jobs
              - ./worker:/app
      ` },
    },
    {
      name: 'an override with a flow list cannot take a comment: no move is offered',
      filename: 'compose.yaml',
      code: source`
        services:
          web:
            image: node:22
            volumes:
              - ./src:/app/src  # hot reload
      `,
      files: { 'compose.override.yaml': source`
        services:
          web:
            volumes: [./cache:/cache]
      ` },
      errors: [{ line: 5, column: 9, severity: 'info', fixes: [] }],
    },
    {
      name: 'production file: a warning, unsafe removal',
      filename: 'docker-compose.prod.yml',
      code: source`
        services:
          api:
            build: ./api
            volumes:
              - ./api:/app
              - ./api/data:/app/data
      `,
      errors: [{ line: 5, column: 9, severity: 'warning', message: /in a production file/, fixes: ['Remove the source bind mount'] }],
      output: null,
      unsafeOutput: source`
        services:
          api:
            build: ./api
            volumes:
              - ./api/data:/app/data
      `,
    },
    {
      name: 'a production override is still a production file',
      filename: 'docker-compose.prod.override.yml',
      code: source`
        services:
          api:
            build: ./api
            volumes:
              - ./api:/app
              - ./api/data:/app/data
      `,
      errors: [{ line: 5, column: 9, severity: 'warning', message: /in a production file/, fixes: ['Remove the source bind mount'] }],
      output: null,
      unsafeOutput: source`
        services:
          api:
            build: ./api
            volumes:
              - ./api/data:/app/data
      `,
    },
    {
      name: 'other file names: reported without a move (Compose would not load the override)',
      filename: 'docker-compose.staging.yml',
      code: source`
        services:
          web:
            image: node:22
            volumes:
              - ./src:/app/src
      `,
      errors: [{ line: 5, column: 9, severity: 'info', fixes: [] }],
    },
  ],
});
