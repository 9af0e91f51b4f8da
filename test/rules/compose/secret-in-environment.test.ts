import rule from '../../../engine/src/rules/compose/secret-in-environment';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

ruleTester(rule, {
  valid: [
    source`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    `,
    { name: 'public ids and pass-through', code: source`
      services:
        api:
          image: nginx:1.27
          environment:
            - GOOGLE_CLIENT_ID=abc
            - API_TOKEN
            - AUTH_ENABLED=true
    ` },
  ],
  invalid: [
    {
      name: 'map syntax literal: file secret, top-level secrets created, .gitignore/.dockerignore',
      code: source`
        services:
          ai:
            image: python:3.12-slim
            environment:
              REDIS_HOST: redis
              ADMIN_PASSWORD: admin123 # change me
            restart: unless-stopped
      `,
      errors: [{ line: 6, column: 7, endColumn: 21, severity: 'error', message: '"ADMIN_PASSWORD" holds a secret written in the compose file; move it to a Docker secret.', fixes: ['Convert "ADMIN_PASSWORD" to a Docker secret (file secrets/admin_password.txt) (verify: "ai" reads ADMIN_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          ai:
            image: python:3.12-slim
            environment:
              REDIS_HOST: redis
              ADMIN_PASSWORD_FILE: /run/secrets/admin_password # change me
            restart: unless-stopped
            secrets:
              - admin_password

        secrets:
          admin_password:
            file: ./secrets/admin_password.txt
      `,
      unsafeFiles: { 'secrets/admin_password.txt': 'admin123', '.gitignore': 'secrets/\n' },
    },
    {
      // `environment: VAR` has no default: converting `${JWT_SECRET:-change-me}` would drop it, so it gets no fix.
      name: 'list syntax, interpolated with default (no fix) and plain interpolation (environment source, existing secrets merged)',
      code: source`
        services:
          api:
            image: nginx:1.27
            environment:
              - JWT_SECRET=\${JWT_SECRET:-change-me}
              - "GOOGLE_CLIENT_SECRET=\${GOOGLE_CLIENT_SECRET}"
            secrets: [other]
        secrets:
          other:
            external: true
      `,
      files: { '.gitignore': 'node_modules\n' },
      errors: [
        { line: 5, column: 9, severity: 'warning', message: /falls back to a secret/, fixes: [] },
        { line: 6, column: 10, severity: 'warning', message: /passes a secret through the environment/, fixes: ['Convert "GOOGLE_CLIENT_SECRET" to a Docker secret (from $GOOGLE_CLIENT_SECRET) (verify: "api" reads GOOGLE_CLIENT_SECRET_FILE)'] },
      ],
      output: null,
      unsafeOutput: source`
        services:
          api:
            image: nginx:1.27
            environment:
              - JWT_SECRET=\${JWT_SECRET:-change-me}
              - "GOOGLE_CLIENT_SECRET_FILE=/run/secrets/google_client_secret"
            secrets: [other, google_client_secret]
        secrets:
          other:
            external: true
          google_client_secret:
            environment: GOOGLE_CLIENT_SECRET
      `,
      unsafeFiles: {},
    },
    {
      name: 'environment shared through an anchor: reported once, granted to both services',
      code: source`
        x-env: &env
          DB_PASSWORD: "pa$$word"
        services:
          a:
            image: nginx:1.27
            environment: *env
          b:
            image: nginx:1.27
            environment: *env
            secrets:
              - existing
        secrets:
          existing:
            file: ./existing.txt
      `,
      errors: [{ line: 2, column: 3, fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "a" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        x-env: &env
          DB_PASSWORD_FILE: "/run/secrets/db_password"
        services:
          a:
            image: nginx:1.27
            environment: *env
            secrets:
              - db_password
          b:
            image: nginx:1.27
            environment: *env
            secrets:
              - existing
              - db_password
        secrets:
          existing:
            file: ./existing.txt
          db_password:
            file: ./secrets/db_password.txt
      `,
      unsafeFiles: { 'secrets/db_password.txt': 'pa$word', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'x- blocks merged with <<: into services and into environment maps: once each, at the x- block (issue 16)',
      code: source`
        x-common: &common
          image: nginx:1.27
          environment:
            DB_PASSWORD: s3cret
            LOG_LEVEL: info
        x-env: &env
          API_TOKEN: abc123
        services:
          a:
            <<: *common
          b:
            <<: *common
          c:
            image: nginx:1.27
            environment:
              <<: *env
              OTHER: x
          d:
            image: nginx:1.27
            environment:
              <<: [*env]
              API_TOKEN: \${API_TOKEN}
      `,
      errors: [
        { line: 4, column: 5, severity: 'error', message: '"DB_PASSWORD" holds a secret written in the compose file; move it to a Docker secret.', fixes: ['Convert all 3 environment secrets of this file to Docker secrets (verify: "a" reads DB_PASSWORD_FILE; "c" reads API_TOKEN_FILE; "d" reads API_TOKEN_FILE)', 'Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "a" reads DB_PASSWORD_FILE)'] },
        { line: 7, column: 3, severity: 'error', message: '"API_TOKEN" holds a secret written in the compose file; move it to a Docker secret.', fixes: ['Convert "API_TOKEN" to a Docker secret (file secrets/api_token.txt) (verify: "c" reads API_TOKEN_FILE)'] },
        { line: 22, column: 7, severity: 'warning', fixes: ['Convert "API_TOKEN" to a Docker secret (from $API_TOKEN) (verify: "d" reads API_TOKEN_FILE)'] },
      ],
      output: null,
      unsafeOutput: source`
        x-common: &common
          image: nginx:1.27
          environment:
            DB_PASSWORD_FILE: /run/secrets/db_password
            LOG_LEVEL: info
        x-env: &env
          API_TOKEN_FILE: /run/secrets/api_token
        services:
          a:
            <<: *common
            secrets:
              - db_password
          b:
            <<: *common
            secrets:
              - db_password
          c:
            image: nginx:1.27
            environment:
              <<: *env
              OTHER: x
            secrets:
              - api_token
          d:
            image: nginx:1.27
            environment:
              <<: [*env]
              API_TOKEN_FILE: /run/secrets/d_api_token
            secrets:
              - d_api_token

        secrets:
          db_password:
            file: ./secrets/db_password.txt
          api_token:
            file: ./secrets/api_token.txt
          d_api_token:
            environment: API_TOKEN
      `,
      unsafeFiles: { 'secrets/db_password.txt': 's3cret', 'secrets/api_token.txt': 'abc123', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'passwords in URLs: literal an error, a default a warning, ${VAR} nothing; never the value (issue 16)',
      code: source`
        services:
          api:
            image: nginx:1.27
            environment:
              DATABASE_URL: postgres://app:s3cret@db:5432/app
              - REDIS_URL: unused
          worker:
            image: nginx:1.27
            environment:
              - REDIS_URL=redis://:hunter2@cache:6379/0
              - AMQP_URL=amqp://app:\${RABBIT_PASSWORD}@mq:5672
              - MONGO_URL=mongodb+srv://app:\${MONGO_PASSWORD:-devpass}@cluster0.example.net/app
              - HOME_URL=http://localhost:8080/x
              - PUBLIC_URL=https://user@example.com/
      `.replace('      - REDIS_URL: unused\n', ''),
      errors: [
        { line: 5, column: 7, severity: 'error', message: '"DATABASE_URL" holds a URL with a password written in the compose file; pass the password separately (a Docker secret, or `${VAR}` from an untracked .env file).', fixes: [] },
        { line: 9, column: 9, severity: 'error', message: '"REDIS_URL" holds a URL with a password written in the compose file; pass the password separately (a Docker secret, or `${VAR}` from an untracked .env file).', fixes: [] },
        { line: 11, column: 9, severity: 'warning', message: '"MONGO_URL" holds a URL whose password falls back to one written in the compose file; pass the password separately.', fixes: [] },
      ],
    },
    {
      name: 'passwords on command lines: command, entrypoint, healthcheck test; variables left alone',
      code: source`
        services:
          cache:
            image: redis:7.4
            command: redis-server --requirepass s3cret --appendonly yes
            healthcheck:
              test: ["CMD", "redis-cli", "-a", "$$REDIS_PASSWORD", "ping"]
          cache2:
            image: redis:7.4
            command: ["sh", "-c", "redis-server --requirepass \"$\${REDIS_PASSWORD}\""]
          db:
            image: mysql:8.4
            healthcheck:
              test: mysqladmin ping -h localhost -uroot -proot
          app:
            image: example/app:1
            entrypoint: ["/app", "--api-key=abc", "--password-file=/run/secrets/p", "--token", "\${TOKEN}", "--db-password", "\${DB_PASSWORD:-dev}"]
      `,
      errors: [
        { line: 4, column: 14, severity: 'error', message: 'This command line passes a password written in the compose file (`--requirepass`), which `ps` and `docker inspect` show; read it from a Docker secret or a variable.', fixes: [] },
        { line: 13, column: 13, severity: 'error', message: 'This command line passes a password written in the compose file (`-p`), which `ps` and `docker inspect` show; read it from a Docker secret or a variable.', fixes: [] },
        { line: 16, column: 26, severity: 'error', message: 'This command line passes a password written in the compose file (`--api-key`), which `ps` and `docker inspect` show; read it from a Docker secret or a variable.', fixes: [] },
        { line: 16, column: 100, severity: 'warning', message: 'This command line passes a password (`--db-password`) that falls back to one written in the compose file; drop the default.', fixes: [] },
      ],
    },
    {
      name: 'secrets in env_file files: at the entry naming the file, with the variable, never the value',
      code: source`
        x-env: &env
          env_file: .env.shared
        services:
          api:
            image: nginx:1.27
            env_file:
              - .env.prod
              - path: ./missing.env
                required: false
          a:
            <<: *env
            image: nginx:1.27
          b:
            <<: *env
            image: nginx:1.27
      `,
      files: {
        '.env.prod': 'API_KEY=abc123\nLOG_LEVEL=info\n# PASSWORD=commented\nexport SMTP_PASSWORD="p w"\nDSN=postgres://a:b@h/d\nJWT_SECRET=\${JWT_SECRET}\nEMPTY_TOKEN=\nPASSWORD_FILE=/run/secrets/p\n',
        '.env.shared': 'GITHUB_TOKEN=ghp_x\n',
      },
      errors: [
        { line: 2, column: 13, severity: 'warning', message: '"GITHUB_TOKEN" in env_file ".env.shared" passes a secret through the environment, where `docker inspect` and logs can show it; prefer a Docker secret.', fixes: [] },
        { line: 7, column: 9, severity: 'warning', message: '"API_KEY" in env_file ".env.prod" passes a secret through the environment, where `docker inspect` and logs can show it; prefer a Docker secret.', fixes: [] },
        { line: 7, column: 9, severity: 'warning', message: '"SMTP_PASSWORD" in env_file ".env.prod" passes a secret through the environment, where `docker inspect` and logs can show it; prefer a Docker secret.', fixes: [] },
        { line: 7, column: 9, severity: 'warning', message: '"DSN" in env_file ".env.prod" holds a URL with a password, which reaches the container\'s environment (`docker inspect`, logs); pass the password separately.', fixes: [] },
      ],
    },
    {
      name: 'name taken: the service name is prefixed; literal mixing interpolation gets no fix',
      code: source`
        services:
          web:
            image: nginx:1.27
            environment:
              API_KEY: abc
              SECRET_TOKEN: abc\${X}
        secrets:
          api_key:
            file: ./other.txt
      `,
      errors: [
        { line: 5, column: 7, fixes: ['Convert "API_KEY" to a Docker secret (file secrets/web_api_key.txt) (verify: "web" reads API_KEY_FILE)'] },
        { line: 6, column: 7, fixes: [] },
      ],
      output: null,
      unsafeOutput: source`
        services:
          web:
            image: nginx:1.27
            environment:
              API_KEY_FILE: /run/secrets/web_api_key
              SECRET_TOKEN: abc\${X}
            secrets:
              - web_api_key
        secrets:
          api_key:
            file: ./other.txt
          web_api_key:
            file: ./secrets/web_api_key.txt
      `,
      unsafeFiles: { 'secrets/web_api_key.txt': 'abc', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'two literals in one service with a block `secrets` list: converted together, files for both',
      code: source`
        services:
          db:
            image: postgres:16
            environment:
              - POSTGRES_PASSWORD=one
              - REPLICATION_PASSWORD='two'
            secrets:
              - tls_key
        secrets:
          tls_key:
            file: ./tls.key
      `,
      errors: [
        { line: 5, column: 9, fixes: ['Convert the 2 secrets of "db" to Docker secrets (verify: "db" reads REPLICATION_PASSWORD_FILE)', 'Convert "POSTGRES_PASSWORD" to a Docker secret (file secrets/postgres_password.txt)'] },
        { line: 6, column: 9, fixes: ['Convert the 2 secrets of "db" to Docker secrets (verify: "db" reads REPLICATION_PASSWORD_FILE)', 'Convert "REPLICATION_PASSWORD" to a Docker secret (file secrets/replication_password.txt) (verify: "db" reads REPLICATION_PASSWORD_FILE)'] },
      ],
      output: null,
      unsafeOutput: source`
        services:
          db:
            image: postgres:16
            environment:
              - POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password
              - REPLICATION_PASSWORD_FILE=/run/secrets/replication_password
            secrets:
              - tls_key
              - postgres_password
              - replication_password
        secrets:
          tls_key:
            file: ./tls.key
          postgres_password:
            file: ./secrets/postgres_password.txt
          replication_password:
            file: ./secrets/replication_password.txt
      `,
      unsafeFiles: { 'secrets/postgres_password.txt': 'one', 'secrets/replication_password.txt': "'two'", '.gitignore': 'secrets/\n' },
    },
    {
      name: 'secrets in two services: the first problem offers the file-wide conversion first (one fix-all pass)',
      code: source`
        services:
          a:
            image: nginx:1.27
            environment:
              A_TOKEN: one
          b:
            image: nginx:1.27
            environment:
              B_TOKEN: \${B_TOKEN}
      `,
      errors: [
        { line: 5, column: 7, fixes: ['Convert all 2 environment secrets of this file to Docker secrets (verify: "a" reads A_TOKEN_FILE; "b" reads B_TOKEN_FILE)', 'Convert "A_TOKEN" to a Docker secret (file secrets/a_token.txt) (verify: "a" reads A_TOKEN_FILE)'] },
        { line: 9, column: 7, fixes: ['Convert "B_TOKEN" to a Docker secret (from $B_TOKEN) (verify: "b" reads B_TOKEN_FILE)'] },
      ],
      output: null,
      unsafeOutput: source`
        services:
          a:
            image: nginx:1.27
            environment:
              A_TOKEN_FILE: /run/secrets/a_token
            secrets:
              - a_token
          b:
            image: nginx:1.27
            environment:
              B_TOKEN_FILE: /run/secrets/b_token
            secrets:
              - b_token

        secrets:
          a_token:
            file: ./secrets/a_token.txt
          b_token:
            environment: B_TOKEN
      `,
      unsafeFiles: { 'secrets/a_token.txt': 'one', '.gitignore': 'secrets/\n' },
    },
    // Block scalars: the value's range ends after its last line break, which the replacement keeps (the next key
    // was joined onto the converted line); a comment on the header line stays on the new line.
    // A secrets file that is already there is never reused silently: other content takes the next free name
    // (file and top-level secret), only exactly the same value may be reused.
    {
      name: 'secrets/<name>.txt holds something else: the value goes to <name>_2.txt, the old file is left as it is',
      code: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD: s3cret
      `,
      files: { 'secrets/db_password.txt': 'an older value' },
      errors: [{ line: 5, column: 7, fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password_2.txt) (verify: "db" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD_FILE: /run/secrets/db_password_2
            secrets:
              - db_password_2

        secrets:
          db_password_2:
            file: ./secrets/db_password_2.txt
      `,
      unsafeFiles: { 'secrets/db_password_2.txt': 's3cret', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'secrets/<name>.txt and <name>_2.txt taken, the value differs by a line break: <name>_3.txt',
      code: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD: s3cret
      `,
      files: { 'secrets/db_password.txt': 's3cret\n', 'secrets/db_password_2.txt': '' },
      errors: [{ line: 5, column: 7, fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password_3.txt) (verify: "db" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD_FILE: /run/secrets/db_password_3
            secrets:
              - db_password_3

        secrets:
          db_password_3:
            file: ./secrets/db_password_3.txt
      `,
      unsafeFiles: { 'secrets/db_password_3.txt': 's3cret', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'secrets/<name>.txt holds exactly the value: reused, nothing created',
      code: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD: s3cret
      `,
      files: { 'secrets/db_password.txt': 's3cret', '.gitignore': 'secrets/\n' },
      errors: [{ line: 5, column: 7, fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "db" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD_FILE: /run/secrets/db_password
            secrets:
              - db_password

        secrets:
          db_password:
            file: ./secrets/db_password.txt
      `,
      unsafeFiles: {},
    },
    {
      name: 'block scalar `|`: the next key stays on its own line, the value (with its final line break) goes to the file',
      code: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD: |
                s3cret value
              LOG_LEVEL: info
      `,
      errors: [{ line: 5, column: 7, fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "db" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD_FILE: /run/secrets/db_password
              LOG_LEVEL: info
            secrets:
              - db_password

        secrets:
          db_password:
            file: ./secrets/db_password.txt
      `,
      unsafeFiles: { 'secrets/db_password.txt': 's3cret value\n', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'block scalar `>` over two lines: folded value',
      code: source`
        services:
          api:
            image: nginx:1.27
            environment:
              API_TOKEN: >
                part one
                part two
              LOG_LEVEL: info
      `,
      errors: [{ line: 5, column: 7, fixes: ['Convert "API_TOKEN" to a Docker secret (file secrets/api_token.txt) (verify: "api" reads API_TOKEN_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          api:
            image: nginx:1.27
            environment:
              API_TOKEN_FILE: /run/secrets/api_token
              LOG_LEVEL: info
            secrets:
              - api_token

        secrets:
          api_token:
            file: ./secrets/api_token.txt
      `,
      unsafeFiles: { 'secrets/api_token.txt': 'part one part two\n', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'block scalar `|-` with a comment on its header line: the comment stays',
      code: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD: |- # rotate monthly
                s3cret
              LOG_LEVEL: info
      `,
      errors: [{ line: 5, column: 7, fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "db" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD_FILE: /run/secrets/db_password # rotate monthly
              LOG_LEVEL: info
            secrets:
              - db_password

        secrets:
          db_password:
            file: ./secrets/db_password.txt
      `,
      unsafeFiles: { 'secrets/db_password.txt': 's3cret', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'block scalar `>+`: the kept blank lines are part of the value and go with it',
      code: source`
        services:
          api:
            image: nginx:1.27
            environment:
              JWT_SECRET: >+
                tok

              LOG_LEVEL: info
      `,
      errors: [{ line: 5, column: 7, fixes: ['Convert "JWT_SECRET" to a Docker secret (file secrets/jwt_secret.txt) (verify: "api" reads JWT_SECRET_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          api:
            image: nginx:1.27
            environment:
              JWT_SECRET_FILE: /run/secrets/jwt_secret
              LOG_LEVEL: info
            secrets:
              - jwt_secret

        secrets:
          jwt_secret:
            file: ./secrets/jwt_secret.txt
      `,
      unsafeFiles: { 'secrets/jwt_secret.txt': 'tok\n\n', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'block scalar with an indentation indicator (`|2-`): the leading spaces are part of the value',
      code: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD: |2-
                  s3cret
              LOG_LEVEL: info
      `,
      errors: [{ line: 5, column: 7, fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "db" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          db:
            image: postgres:16
            environment:
              DB_PASSWORD_FILE: /run/secrets/db_password
              LOG_LEVEL: info
            secrets:
              - db_password

        secrets:
          db_password:
            file: ./secrets/db_password.txt
      `,
      unsafeFiles: { 'secrets/db_password.txt': '  s3cret', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'block scalar as a list item (`- |` then `NAME=value`): the next item stays on its own line',
      code: source`
        services:
          db:
            image: postgres:16
            environment:
              - |
                DB_PASSWORD=s3cret
              - LOG_LEVEL=info
      `,
      // Reported at the name, on the line after the `|`.
      errors: [{ line: 6, column: 9, fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "db" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          db:
            image: postgres:16
            environment:
              - DB_PASSWORD_FILE=/run/secrets/db_password
              - LOG_LEVEL=info
            secrets:
              - db_password

        secrets:
          db_password:
            file: ./secrets/db_password.txt
      `,
      unsafeFiles: { 'secrets/db_password.txt': 's3cret\n', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'block scalar as the last line of a file without a final line break, CRLF line breaks',
      code: 'services:\r\n  db:\r\n    image: postgres:16\r\n    environment:\r\n      DB_PASSWORD: |\r\n        s3cret',
      errors: [{ line: 5, column: 7, fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "db" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput:
        'services:\r\n  db:\r\n    image: postgres:16\r\n    environment:\r\n      DB_PASSWORD_FILE: /run/secrets/db_password\r\n    secrets:\r\n      - db_password\r\n\r\nsecrets:\r\n  db_password:\r\n    file: ./secrets/db_password.txt\r\n',
      unsafeFiles: { 'secrets/db_password.txt': 's3cret\n', '.gitignore': 'secrets/\n' },
    },
    // Found by the issue 15 fuzzer (test/reliability/fuzz-pending.ts until these passed): a block scalar ending the
    // service or the file made the replacement (which ran past the scalar's last line break) overlap the `secrets`
    // added after it; fix-all threw "overlapping edits" and the CLI ended in an internal error.
    {
      name: 'block scalar list item (`- |-`) as the last entry of the file: no overlapping edits, reported at the name',
      code: source`
        services:
          app0:
            image: nginx:1.27
            environment:
              - |-
                DB_PASSWORD=abc
      `,
      errors: [{ line: 6, column: 9, endColumn: 20, severity: 'error', fixes: ['Convert "DB_PASSWORD" to a Docker secret (file secrets/db_password.txt) (verify: "app0" reads DB_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          app0:
            image: nginx:1.27
            environment:
              - DB_PASSWORD_FILE=/run/secrets/db_password
            secrets:
              - db_password

        secrets:
          db_password:
            file: ./secrets/db_password.txt
      `,
      unsafeFiles: { 'secrets/db_password.txt': 'abc', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'block scalar list item with an indentation indicator and a header comment, ending the service: comments kept, next service untouched',
      code: source`
        services:
          app0:
            image: nginx:1.27
            environment:
              # settings
              - LOG_LEVEL=info
              - |4- # rotate monthly
                  API_TOKEN=s3cr3t
          app1:
            image: nginx:1.27
      `,
      errors: [{ line: 8, column: 11, endColumn: 20, fixes: ['Convert "API_TOKEN" to a Docker secret (file secrets/api_token.txt) (verify: "app0" reads API_TOKEN_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          app0:
            image: nginx:1.27
            environment:
              # settings
              - LOG_LEVEL=info
              - API_TOKEN_FILE=/run/secrets/api_token # rotate monthly
            secrets:
              - api_token
          app1:
            image: nginx:1.27

        secrets:
          api_token:
            file: ./secrets/api_token.txt
      `,
      unsafeFiles: { 'secrets/api_token.txt': 's3cr3t', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'map syntax block scalar `|+` with kept blank lines, the last key of the file: the `secrets` follow, the new top-level key trims the blank lines',
      code: source`
        services:
          app1:
            image: nginx:1.27
            environment:
              # settings
              API_TOKEN: |+
                pa$$word

      `,
      errors: [{ line: 6, column: 7, fixes: ['Convert "API_TOKEN" to a Docker secret (file secrets/api_token.txt) (verify: "app1" reads API_TOKEN_FILE)'] }],
      output: null,
      unsafeOutput: source`
        services:
          app1:
            image: nginx:1.27
            environment:
              # settings
              API_TOKEN_FILE: /run/secrets/api_token
            secrets:
              - api_token

        secrets:
          api_token:
            file: ./secrets/api_token.txt
      `,
      unsafeFiles: { 'secrets/api_token.txt': 'pa$word\n\n', '.gitignore': 'secrets/\n' },
    },
    // Compose interpolation: `$$` is a literal `$`; only a value that is exactly one variable with no default, error
    // or replacement becomes `environment: VAR` (found by the fuzzer: `$S$$_1` was converted as the variable S_1).
    {
      name: '`$S$$_1` is the variable S then the text `$_1`: a value mixing both, no fix (was `environment: S_1`)',
      code: source`
        services:
          app1:
            image: nginx:1.27
            environment:
              - 'API_TOKEN=$S$$_1'
      `,
      errors: [{ line: 5, column: 10, severity: 'error', message: /holds a secret written in the compose file/, fixes: [] }],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'one variable with `:?`, `-default`, `:+`, two variables, text around one: no environment-variable conversion; `$VAR` and `${VAR:-}` are converted',
      code: source`
        services:
          api:
            image: nginx:1.27
            environment:
              A_TOKEN: \${A_TOKEN:?set A_TOKEN}
              B_TOKEN: \${B_TOKEN-fallback}
              C_TOKEN: \${USE_C:+\$C_TOKEN}
              D_TOKEN: \${D_PREFIX}\${D_TOKEN}
              E_TOKEN: "\${E_TOKEN} "
              F_TOKEN: \$F_TOKEN
              G_TOKEN: \${G_TOKEN:-}
      `,
      errors: [
        { line: 5, column: 7, severity: 'warning', message: /passes a secret through the environment/, fixes: ['Convert the 2 secrets of "api" to Docker secrets (verify: "api" reads F_TOKEN_FILE; "api" reads G_TOKEN_FILE)'] },
        { line: 6, column: 7, severity: 'warning', message: /falls back to a secret/, fixes: ['Convert the 2 secrets of "api" to Docker secrets (verify: "api" reads F_TOKEN_FILE; "api" reads G_TOKEN_FILE)'] },
        { line: 7, column: 7, severity: 'warning', fixes: ['Convert the 2 secrets of "api" to Docker secrets (verify: "api" reads F_TOKEN_FILE; "api" reads G_TOKEN_FILE)'] },
        { line: 8, column: 7, severity: 'warning', fixes: ['Convert the 2 secrets of "api" to Docker secrets (verify: "api" reads F_TOKEN_FILE; "api" reads G_TOKEN_FILE)'] },
        { line: 9, column: 7, severity: 'warning', fixes: ['Convert the 2 secrets of "api" to Docker secrets (verify: "api" reads F_TOKEN_FILE; "api" reads G_TOKEN_FILE)'] },
        { line: 10, column: 7, severity: 'warning', fixes: ['Convert the 2 secrets of "api" to Docker secrets (verify: "api" reads F_TOKEN_FILE; "api" reads G_TOKEN_FILE)', 'Convert "F_TOKEN" to a Docker secret (from $F_TOKEN) (verify: "api" reads F_TOKEN_FILE)'] },
        { line: 11, column: 7, severity: 'warning', fixes: ['Convert the 2 secrets of "api" to Docker secrets (verify: "api" reads F_TOKEN_FILE; "api" reads G_TOKEN_FILE)', 'Convert "G_TOKEN" to a Docker secret (from $G_TOKEN) (verify: "api" reads G_TOKEN_FILE)'] },
      ],
      output: null,
      unsafeOutput: source`
        services:
          api:
            image: nginx:1.27
            environment:
              A_TOKEN: \${A_TOKEN:?set A_TOKEN}
              B_TOKEN: \${B_TOKEN-fallback}
              C_TOKEN: \${USE_C:+\$C_TOKEN}
              D_TOKEN: \${D_PREFIX}\${D_TOKEN}
              E_TOKEN: "\${E_TOKEN} "
              F_TOKEN_FILE: /run/secrets/f_token
              G_TOKEN_FILE: /run/secrets/g_token
            secrets:
              - f_token
              - g_token

        secrets:
          f_token:
            environment: F_TOKEN
          g_token:
            environment: G_TOKEN
      `,
      unsafeFiles: {},
    },
    {
      // Found by the fuzzer once list block scalars were back in: the top-level `secrets` replaced the spaces after the
      // last line, where the service's `secrets` was inserted (overlapping edits).
      name: 'the last line of the file ends in spaces: the service and top-level `secrets` both follow it',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      SA_PASSWORD: example_123\n    restart: always   \n   \n',
      errors: [{ line: 5, column: 7, fixes: ['Convert "SA_PASSWORD" to a Docker secret (file secrets/sa_password.txt) (verify: "db" reads SA_PASSWORD_FILE)'] }],
      output: null,
      unsafeOutput: 'services:\n  db:\n    image: postgres:16\n    environment:\n      SA_PASSWORD_FILE: /run/secrets/sa_password\n    restart: always   \n    secrets:\n      - sa_password\n\nsecrets:\n  sa_password:\n    file: ./secrets/sa_password.txt\n',
      unsafeFiles: { 'secrets/sa_password.txt': 'example_123', '.gitignore': 'secrets/\n' },
    },
      {
      name: 'the app reads JWT_SECRET_FILE (its source says so): the conversion says nothing is left to verify',
      code: source`
        services:
          api:
            build: ./api
            environment:
              JWT_SECRET: \${JWT_SECRET}
      `,
      files: { 'api/app.py': 'import os\nsecret = open(os.environ["JWT_SECRET_FILE"]).read()\n', 'api/Dockerfile': 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n' },
      errors: [{ line: 5, column: 7, fixes: ['Convert "JWT_SECRET" to a Docker secret (from $JWT_SECRET)'] }],
      unsafeOutput: source`
        services:
          api:
            build: ./api
            environment:
              JWT_SECRET_FILE: /run/secrets/jwt_secret
            secrets:
              - jwt_secret

        secrets:
          jwt_secret:
            environment: JWT_SECRET
      `,
    },
  ],
});
