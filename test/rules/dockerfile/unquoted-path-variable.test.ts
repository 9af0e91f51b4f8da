import rule from '../../../engine/src/rules/dockerfile/unquoted-path-variable';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const run = (command: string) => `FROM debian:12-slim\nRUN ${command}\n`;

ruleTester(rule, {
  valid: [
    run('rm -rf "$CACHE_DIR"/* && cp "${SRC}/app.jar" /app/'),
    run('echo $MESSAGE && apt-get install -y $PACKAGES'),
    run("echo '$HOME/x'"),
    run('mkdir -p $HOME/.cache && cd $HOME && ls /build/$TARGETARCH'),
    run('cp /tmp/cacerts $JAVA_HOME/lib/security/ && cd $GOPATH/src && rm -rf $PGDATA/*'),
    'FROM debian:12-slim\nENV APP_HOME=/app\nARG DIR=/src\nRUN mkdir -p $APP_HOME/logs && cd $DIR\n',
    'ARG BASE_DIR=/opt/base\nFROM debian:12-slim\nARG BASE_DIR\nRUN ls $BASE_DIR/bin\n',
    'FROM debian:12-slim AS base\nENV APP_HOME=/app\nFROM base\nRUN cp -r /build $APP_HOME/\n',
    run('DIR=/opt/x && mkdir -p $DIR/bin && export OUT=/out && cp a $OUT/'),
    run('["sh", "-c", "rm -rf $DIR/*"]'),
    run('chmod +x \\$DIR/x'),
  ],
  invalid: [
    {
      code: source`
        FROM debian:12-slim
        ARG CACHE_DIR
        ENV NAME="my app"
        RUN rm -rf $CACHE_DIR/* && cp /build/\${NAME}.jar /srv/ && cd $WORKSPACE
      `,
      errors: [
        { line: 4, column: 12, endColumn: 22, message: '`$CACHE_DIR` is not quoted: a value with spaces or `*` splits this path into several. Write `"$CACHE_DIR"`.', fixes: ['Quote $CACHE_DIR'] },
        { line: 4, column: 38, endColumn: 45, fixes: ['Quote ${NAME}'] },
        { line: 4, column: 62, fixes: ['Quote $WORKSPACE (verify it holds one path, not a list)'] },
      ],
      output: source`
        FROM debian:12-slim
        ARG CACHE_DIR
        ENV NAME="my app"
        RUN rm -rf "$CACHE_DIR"/* && cp /build/"\${NAME}".jar /srv/ && cd $WORKSPACE
      `,
      unsafeOutput: source`
        FROM debian:12-slim
        ARG CACHE_DIR
        ENV NAME="my app"
        RUN rm -rf "$CACHE_DIR"/* && cp /build/"\${NAME}".jar /srv/ && cd "$WORKSPACE"
      `,
    },
    {
      name: 'a global ARG the stage does not declare is unset in RUN',
      code: 'ARG BASE_DIR=/opt/base\nFROM debian:12-slim\nRUN rm -rf $BASE_DIR/*\n',
      errors: [{ line: 3, column: 12, fixes: ['Quote $BASE_DIR'] }],
      output: 'ARG BASE_DIR=/opt/base\nFROM debian:12-slim\nRUN rm -rf "$BASE_DIR"/*\n',
    },
    {
      name: 'a loop variable, ONBUILD RUN, and # hadolint ignore=SC2086',
      code: source`
        FROM debian:12-slim
        RUN for f in /etc/app/*.conf; do cp $f /backup/; done
        ONBUILD RUN mkdir -p $TARGET/bin
        # hadolint ignore=SC2086
        RUN rm -rf $X/*
      `,
      errors: [
        { line: 2, column: 37, fixes: ['Quote $f (verify it holds one path, not a list)'] },
        { line: 3, column: 22, fixes: ['Quote $TARGET'] },
      ],
      output: source`
        FROM debian:12-slim
        RUN for f in /etc/app/*.conf; do cp $f /backup/; done
        ONBUILD RUN mkdir -p "$TARGET"/bin
        # hadolint ignore=SC2086
        RUN rm -rf $X/*
      `,
      unsafeOutput: source`
        FROM debian:12-slim
        RUN for f in /etc/app/*.conf; do cp "$f" /backup/; done
        ONBUILD RUN mkdir -p "$TARGET"/bin
        # hadolint ignore=SC2086
        RUN rm -rf $X/*
      `,
    },
  ],
});
