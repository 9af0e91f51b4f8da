import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../engine/src/dockerfile/model';
import { readRun, setsPipefail, subcommand } from '../../engine/src/dockerfile/shell';
import { source } from '../lib/yaml-tag';

/** The commands of the first RUN as [name, words...] with each word's source text. */
function commands(text: string) {
  const file = parseDockerfile('/w/Dockerfile', text);
  const run = file.ast.getInstructions().find((instruction) => instruction.getKeyword() === 'RUN')!;
  const script = readRun(file, run);
  return {
    script,
    file,
    summary: script.commands.map((command) => ({
      name: command.name,
      words: command.words.map((word) => word.value),
      raw: command.words.map((word) => text.slice(word.start, word.end)),
      before: command.before,
      after: command.after,
    })),
  };
}

describe('RUN shell reader', () => {
  it('splits && chains across continuation lines and keeps word offsets', () => {
    const { summary } = commands(source`
      FROM debian:12
      RUN apt-get update && apt-get install -y \
          gcc \
          curl \
          && rm -rf /var/lib/apt/lists/*
    `);
    assert.deepEqual(summary, [
      { name: 'apt-get', words: ['apt-get', 'update'], raw: ['apt-get', 'update'], before: undefined, after: '&&' },
      { name: 'apt-get', words: ['apt-get', 'install', '-y', 'gcc', 'curl'], raw: ['apt-get', 'install', '-y', 'gcc', 'curl'], before: '&&', after: '&&' },
      { name: 'rm', words: ['rm', '-rf', '/var/lib/apt/lists/*'], raw: ['rm', '-rf', '/var/lib/apt/lists/*'], before: '&&', after: undefined },
    ]);
  });

  it('drops comment lines inside continuations, handles quotes, ; | || and assignments', () => {
    const { summary } = commands(source`
      FROM alpine:3.20
      RUN set -eux; \
        # fetch
        X=1 curl -fsSL "https://e.x/a b" | sh || echo 'it failed'
    `);
    assert.deepEqual(summary.map((c) => [c.name, c.words, c.before, c.after]), [
      ['set', ['set', '-eux'], undefined, ';'],
      ['curl', ['X=1', 'curl', '-fsSL', 'https://e.x/a b'], ';', '|'],
      ['sh', ['sh'], '|', '||'],
      ['echo', ['echo', 'it failed'], '||', undefined],
    ]);
    assert.deepEqual(summary[1].raw, ['X=1', 'curl', '-fsSL', '"https://e.x/a b"']);
  });

  it('reads exec form as one command with the JSON strings as words', () => {
    const { summary } = commands('FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n');
    assert.deepEqual(summary, [{ name: 'apt-get', words: ['apt-get', 'install', '-y', 'curl'], raw: ['"apt-get"', '"install"', '"-y"', '"curl"'], before: undefined, after: undefined }]);
  });

  it('reads heredoc scripts line by line', () => {
    const { summary } = commands(source`
      FROM debian:12
      RUN <<EOF
      set -euxo pipefail
      apt-get update
      apt-get install -y curl
      EOF
      CMD ["x"]
    `);
    assert.deepEqual(summary.map((c) => c.words), [['set', '-euxo', 'pipefail'], ['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']]);
  });

  it('reads a heredoc opened after a command as that command\'s input: only the lines up to the one opening it', () => {
    const { summary } = commands(source`
      FROM debian:12
      RUN apt-get update && \
          cat <<EOF > /usr/local/bin/setup.sh
      apt-get install -y curl
      EOF
      CMD ["x"]
    `);
    assert.deepEqual(summary.map((c) => c.words), [['apt-get', 'update'], ['cat', '<<EOF', '>', '/usr/local/bin/setup.sh']]);
  });

  it('honours the escape directive (backtick continuations)', () => {
    const { summary } = commands(source`
      # escape=\`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN choco install -y git \`
          && echo done
    `);
    assert.deepEqual(summary.map((c) => c.words), [['choco', 'install', '-y', 'git'], ['echo', 'done']]);
  });

  it('finds subcommands after options, sudo and env prefixes, $(...) in one word, redirections', () => {
    const { script } = commands('FROM debian:12\nRUN sudo apt-get -o Dpkg::Use-Pty=0 -qq install curl 2>&1 >/dev/null && echo "$(uname -m)"\n');
    const install = script.commands[0];
    assert.equal(install.name, 'apt-get');
    assert.equal(install.sudo, true);
    assert.equal(subcommand(install, ['-o'])?.word.value, 'install');
    assert.deepEqual(install.args.map((w) => w.value), ['-o', 'Dpkg::Use-Pty=0', '-qq', 'install', 'curl', '2>&1', '>/dev/null']);
    assert.deepEqual(script.commands[1].words.map((w) => w.value), ['echo', '$(uname -m)']);
  });

  it('recognises set -o pipefail forms', () => {
    for (const [text, expected] of [['set -o pipefail', true], ['set -euxo pipefail', true], ['set -eux', false], ['echo pipefail', false]] as const) {
      const { script } = commands(`FROM debian:12\nRUN ${text}\n`);
      assert.equal(setsPipefail(script.commands[0]), expected, text);
    }
  });

  it('words split on a continuation without a space end before the escape', () => {
    const text = source`
      FROM debian:12
      RUN apt-get install -y gcc\
          curl
    `;
    const { summary } = commands(text);
    assert.deepEqual(summary[0].raw, ['apt-get', 'install', '-y', 'gcc', 'curl']);
  });
  it('reads case patterns as no commands: their | and ) are no operators; the commands after them are', () => {
    const { summary } = commands('FROM debian:12\nRUN case "$(uname -m)" in x86_64|amd64) A=x64 ;; (aarch64|"arm 64") A=arm64 ;; *) echo no | tee /x; exit 1 ;; esac && curl -f "$A" | tar -x\n');
    assert.deepEqual(summary.map((c) => [c.words.join(' '), c.before, c.after]), [
      ['case $(uname -m) in', undefined, ';'],
      ['A=x64', ';', ';'],
      ['A=arm64', ';', ';'],
      ['echo no', ';', '|'],
      ['tee /x', '|', ';'],
      ['exit 1', ';', ';'],
      ['esac', ';', '&&'],
      ['curl -f $A', '&&', '|'],
      ['tar -x', '|', undefined],
    ]);
  });

  it('reads nested case, a case in a heredoc, esac after the last command without ;; and the word "in" elsewhere', () => {
    assert.deepEqual(commands('FROM debian:12\nRUN if true; then case $x in a|b) case $y in c|d) echo 1;; esac;; e) echo 2; esac; fi; echo in case | cat\n').summary.map((c) => [c.words.join(' '), c.after]), [
      ['if true', ';'],
      ['then case $x in', ';'],
      ['case $y in', ';'],
      ['echo 1', ';'],
      ['esac', ';'],
      ['echo 2', ';'],
      ['esac', ';'],
      ['fi', ';'],
      ['echo in case', '|'],
      ['cat', undefined],
    ]);
    assert.deepEqual(commands(source`
      FROM debian:12
      RUN <<EOF
      case "$x" in
        (a|b)
          echo a
          ;;
        c|d) echo c ;;
      esac
      echo done | cat
      EOF
    `).summary.map((c) => [c.words.join(' '), c.after]), [
      ['case $x in', ';'],
      ['echo a', ';'],
      ['echo c', ';'],
      ['esac', '\n'],
      ['echo done', '|'],
      ['cat', undefined],
    ]);
  });
});
