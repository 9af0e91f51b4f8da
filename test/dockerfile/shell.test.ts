import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../engine/src/dockerfile/model';
import { readRun, setsPipefail, subcommand } from '../../engine/src/dockerfile/shell';

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
    const { summary } = commands('FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    gcc \\\n    curl \\\n    && rm -rf /var/lib/apt/lists/*\n');
    assert.deepEqual(summary, [
      { name: 'apt-get', words: ['apt-get', 'update'], raw: ['apt-get', 'update'], before: undefined, after: '&&' },
      { name: 'apt-get', words: ['apt-get', 'install', '-y', 'gcc', 'curl'], raw: ['apt-get', 'install', '-y', 'gcc', 'curl'], before: '&&', after: '&&' },
      { name: 'rm', words: ['rm', '-rf', '/var/lib/apt/lists/*'], raw: ['rm', '-rf', '/var/lib/apt/lists/*'], before: '&&', after: undefined },
    ]);
  });

  it('drops comment lines inside continuations, handles quotes, ; | || and assignments', () => {
    const { summary } = commands('FROM alpine:3.20\nRUN set -eux; \\\n  # fetch\n  X=1 curl -fsSL "https://e.x/a b" | sh || echo \'it failed\'\n');
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
    const { summary } = commands('FROM debian:12\nRUN <<EOF\nset -euxo pipefail\napt-get update\napt-get install -y curl\nEOF\nCMD ["x"]\n');
    assert.deepEqual(summary.map((c) => c.words), [['set', '-euxo', 'pipefail'], ['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']]);
  });

  it('reads a heredoc opened after a command as that command\'s input: only the lines up to the one opening it', () => {
    const { summary } = commands('FROM debian:12\nRUN apt-get update && \\\n    cat <<EOF > /usr/local/bin/setup.sh\napt-get install -y curl\nEOF\nCMD ["x"]\n');
    assert.deepEqual(summary.map((c) => c.words), [['apt-get', 'update'], ['cat', '<<EOF', '>', '/usr/local/bin/setup.sh']]);
  });

  it('honours the escape directive (backtick continuations)', () => {
    const { summary } = commands('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN choco install -y git `\n    && echo done\n');
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
    const text = 'FROM debian:12\nRUN apt-get install -y gcc\\\n    curl\n';
    const { summary } = commands(text);
    assert.deepEqual(summary[0].raw, ['apt-get', 'install', '-y', 'gcc', 'curl']);
  });
});
