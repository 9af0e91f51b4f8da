/**
 * Issue 15: instructions the fixes add (USER, HEALTHCHECK, RUN, SHELL, a runtime stage) stand as instructions of their
 * own. With a heredoc that never ends, the rest of the file is its body (BuildKit refuses to build it): nothing is
 * inserted. After a last instruction that ends in an escape, the added lines would continue it: the dangling escape
 * goes, so the instruction means what it meant. Fix-all with every rule, safe and unsafe, then again: the second
 * run changes nothing, every comment stays, and each instruction of the input is still there with the same arguments.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, type Heredoc } from 'dockerfile-ast';
import { fixAll, memoryWorkspace } from '../../engine/src/index';
import { lostComments } from '../reliability/lib';
import { source } from '../lib/yaml-tag';

const unterminated: Record<string, string> = {
  'RUN <<EOF, no terminator': source`
    FROM debian:12-slim
    EXPOSE 8080
    RUN <<EOF
    apt-get update
    echo hi
  `,
  'no terminator, no final line break': 'FROM python:3.12-alpine\nEXPOSE 8000\nRUN <<EOF\npip install flask',
  'COPY <<EOF after a CMD': source`
    FROM node:22-alpine
    EXPOSE 3000
    CMD ["node", "x.js"]
    COPY <<EOF /etc/motd
    hello
  `,
  'tab-indented terminator without <<-': 'FROM debian:12-slim\nRUN curl -fsSL https://e.x/t.tgz | tar -xz\nRUN <<EOF\n\techo hi\n\tEOF\nCMD ["/app"]\n',
  'terminator with trailing blanks': 'FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF  \nCMD ["/app"]\n',
  'second of two heredocs unterminated': source`
    FROM debian:12-slim
    RUN <<A <<B
    echo a
    A
    echo b
  `,
  'in a stage compose does not build last': source`
    FROM debian:12-slim AS app
    RUN <<EOF
    echo hi
    FROM alpine:3.20
    CMD ["sh"]
  `,
};

const dangling: Record<string, string> = {
  'no final line break': 'FROM debian:12-slim\nEXPOSE 8080\nRUN echo a \\',
  'final line break': source`
    FROM debian:12-slim
    EXPOSE 8080
    RUN echo a \
  `,
  'blanks after the escape': 'FROM debian:12-slim\nRUN echo a \\   \n',
  'comment and blank lines after it': 'FROM python:3.12-alpine\nEXPOSE 8000\nRUN make \\\n    install \\\n# the end\n\n   \n',
  'CRLF': 'FROM debian:12-slim\r\nEXPOSE 8080\r\nRUN echo a \\\r\n',
  'escape=` and CRLF, no final line break': '# escape=`\r\nFROM debian:12-slim\r\nRUN echo a `',
  'escape=`: a final \\ is no continuation': '# escape=`\nFROM debian:12-slim\nRUN echo C:\\',
  'a doubled escape still continues': 'FROM debian:12-slim\nRUN echo a \\\\',
  'an escape alone on the last line': source`
    FROM debian:12-slim
    RUN echo a \
       \
  `,
  'a single-stage Node build': 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build \\',
  'a CMD that continues': source`
    FROM debian:12-slim
    RUN apt-get update
    CMD ["/app"] \
  `,
  'after a terminated heredoc': 'FROM debian:12-slim\nRUN <<EOF\necho \\\nEOF\nENV A=b \\',
};

/** Heredocs opened after a command: their body is input, and their terminator must stay alone on its line. */
const opened: Record<string, string> = {
  'cat <<EOF > file, apt lines in the body': source`
    FROM debian:12-slim
    RUN cat <<EOF > /usr/local/bin/setup.sh
    apt-get update && apt-get install -y curl
    EOF
    CMD ["x"]
  `,
  '<<EOF bash': source`
    FROM debian:12-slim
    RUN <<EOF bash
    apt-get update
    apt-get install -y curl
    EOF
    CMD ["x"]
  `,
  'a RUN continued into one (fuzz seed 7)': source`
    FROM debian:12-slim
    RUN make \

    RUN <<EOF
    apt-get update && apt-get install -y curl
    EOF
    WORKDIR /app
  `,
};

/** Each instruction as BuildKit reads it: keyword and arguments, continuations joined, whitespace around trimmed. */
function instructions(text: string): string[] {
  return DockerfileParser.parse(text).getInstructions().map((i) => `${i.getKeyword()} ${(i.getArgumentsContent() ?? '').trim()}`);
}

function fixTwice(text: string) {
  const path = '/w/Dockerfile';
  const options = { unsafe: true, onRuleError: (id: string, error: unknown) => { throw new Error(`${id}: ${String(error)}`); } };
  const once = fixAll(path, text, { ...options, workspace: memoryWorkspace({ [path]: text }) }).output;
  const twice = fixAll(path, once, { ...options, workspace: memoryWorkspace({ [path]: once }) }).output;
  return { once, twice };
}

describe('fixes never insert into a heredoc body or a continued instruction', () => {
  for (const [name, text] of Object.entries(unterminated)) {
    it(`unterminated heredoc (${name}): no instruction is inserted, fix-all is idempotent`, () => {
      const { once, twice } = fixTwice(text);
      assert.equal(twice, once, 'fixing again changed the file');
      assert.deepEqual(lostComments(text, once, 'dockerfile'), []);
      const added = once.split(/\r?\n/).filter((line) => /^\s*[A-Za-z]+\s/.test(line) && !text.split(/\r?\n/).includes(line));
      assert.deepEqual(added.filter((line) => /^\s*(USER|HEALTHCHECK|SHELL|FROM|RUN (groupadd|addgroup|apk|apt-get|microdnf))\b/i.test(line)), [], `inserted into the heredoc:\n${once}`);
    });
  }
  for (const [name, text] of Object.entries(opened)) {
    it(`heredoc opened after a command (${name}): every heredoc keeps its terminator, fix-all is idempotent`, () => {
      const { once, twice } = fixTwice(text);
      assert.equal(twice, once, 'fixing again changed the file');
      const unterminated = DockerfileParser.parse(once).getInstructions().flatMap((i) => (i as unknown as { getHeredocs(): Heredoc[] }).getHeredocs()).filter((h) => !h.getDelimiterRange());
      assert.deepEqual(unterminated.map((h) => h.getName()), [], `a heredoc lost its terminator:\n${once}`);
    });
  }
  for (const [name, text] of Object.entries(dangling)) {
    it(`last instruction continued at the end of the file (${name}): the original instructions keep their meaning, fix-all is idempotent`, () => {
      const { once, twice } = fixTwice(text);
      assert.equal(twice, once, 'fixing again changed the file');
      assert.deepEqual(lostComments(text, once, 'dockerfile'), []);
      // The instructions of the input (as BuildKit reads them) are still there, in order, and none swallowed a new line.
      const after = instructions(once);
      let cursor = 0;
      for (const instruction of instructions(text)) {
        if (instruction.startsWith('FROM ')) continue; // the conversion to multi-stage names the stage
        const found = after.indexOf(instruction, cursor);
        assert.ok(found >= 0, `${JSON.stringify(instruction)} changed or was joined with a new line:\n${once}`);
        cursor = found + 1;
      }
    });
  }
});
