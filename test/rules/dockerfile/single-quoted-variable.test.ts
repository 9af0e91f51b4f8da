import rule from '../../../engine/src/rules/dockerfile/single-quoted-variable';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const run = (command: string) => `FROM alpine:3.20\nRUN ${command}\n`;

ruleTester(rule, {
  valid: [
    run('echo "version $VERSION"'),
    run("echo 'no variable here: 5$ or $ alone'"),
    run("sh -c 'echo $HOME'"),
    run("bash -lc 'cd $APP && make'"),
    run("awk '{print $1}' file && gawk '{print $2}' file"),
    run("sed -i 's/a$/b/' file && sed -n '$p' file"),
    run("perl -pe 's/$x/y/' f && jq '.a | $ENV.HOME' f"),
    run("find . -name '*.sh' -exec sh -c 'chmod +x $0' {} \\;"),
    run("printf '%s $HOME\\n' x"),
    run("git log --format='$H'"),
    run("echo 'export PATH=$PATH:/opt/bin' >> /etc/profile"),
    run("echo 'x=$Y' >/etc/app.conf"),
    run("echo '$HOME' | tee /etc/motd"),
    run("echo '0 * * * * $HOME/bin/job' | crontab - && echo 'echo $PATH' | sh"),
    run('["sh", "-c", "echo \'$HOME\'"]'),
    run('echo \\\'$HOME\\\''),
  ],
  invalid: [
    {
      code: source`
        FROM alpine:3.20
        RUN curl -fsS -H 'Authorization: Bearer $TOKEN' https://example.com/a \
            && echo 'built \${VERSION} at $(date)' && echo 'cmd: \`id -u\`'
      `,
      errors: [
        { line: 2, column: 18, endColumn: 48, message: '`$TOKEN` is inside single quotes, so the shell does not expand it: use double quotes if you meant its value.', fixes: ['Use double quotes (expands the variables: verify they were meant to be expanded)'] },
        { line: 3, column: 13, message: /^`\$\{VERSION\}` is inside single quotes/, fixes: [] },
        { line: 3, column: 51, message: /^`\`id -u\`` is inside single quotes/, fixes: [] },
      ],
      unsafeOutput: source`
        FROM alpine:3.20
        RUN curl -fsS -H "Authorization: Bearer $TOKEN" https://example.com/a \
            && echo 'built \${VERSION} at $(date)' && echo 'cmd: \`id -u\`'
      `,
    },
    {
      name: 'in ONBUILD RUN and after sudo; # hadolint ignore=SC2016',
      code: source`
        FROM alpine:3.20
        ONBUILD RUN echo 'home is $HOME'
        RUN sudo echo 'x $1' | grep x
        # hadolint ignore=SC2016
        RUN echo '$HOME'
      `,
      errors: [
        { line: 2, column: 18, message: /^`\$HOME`/ },
        { line: 3, column: 15, message: /^`\$1`/ },
      ],
      unsafeOutput: source`
        FROM alpine:3.20
        ONBUILD RUN echo "home is $HOME"
        RUN sudo echo "x $1" | grep x
        # hadolint ignore=SC2016
        RUN echo '$HOME'
      `,
    },
  ],
});
