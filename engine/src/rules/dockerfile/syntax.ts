import { defineDockerfileRule } from '../../core/rule';
import { editDistance } from '../../core/text';
import type { Fix } from '../../core/types';
import { instructionsOf, reusingTree, type DockerfileFile } from '../../dockerfile/model';

type DockerfileUtils = typeof import('dockerfile-utils');
type LanguageService = import('dockerfile-language-service').DockerfileLanguageService;
type Diagnostic = ReturnType<DockerfileUtils['validate']>[number];
let dockerfileUtils: DockerfileUtils | undefined;
let languageService: LanguageService | undefined;

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/syntax',
    severity: 'error',
    description: 'Dockerfile syntax errors (unknown instructions, missing arguments, invalid flags, ports past 65535), as `dockerfile-utils` reports them.',
    rationale:
      'A syntax error fails `docker build` at once, or worse, is read differently than intended (a flag taken as an argument). Seeing it in the editor saves a build round trip. The hadolint rules for errors Docker refuses are these: duplicate stage names (DL3024), `COPY` of several sources to a destination without a trailing `/` (DL3021), `ONBUILD ONBUILD`/`FROM`/`MAINTAINER` (DL3043), an instruction before the first `FROM` (DL3061), a port past 65535 (DL3011). Only errors are reported here; style warnings of the validator are covered by the other rules. Where `dockerfile-language-service` has a quick fix for an error (a misspelled `ADD`/`COPY`/`HEALTHCHECK` flag, a second `FROM` argument that should be `AS`, an extra argument, an invalid `escape` directive), it is offered as an unsafe fix: it guesses what was meant. A flag is only renamed to a flag it is a likely misspelling of.',
    examples: {
      incorrect: ['FROM node:22-alpine\nEXPOSE port\n', 'FROM node:22-alpine\nHEALTHCHECK --intervall=30s CMD wget -qO- http://localhost:3000/ || exit 1\n'],
      correct: ['FROM node:22-alpine\nEXPOSE 3000\n', 'FROM node:22-alpine\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost:3000/ || exit 1\n'],
    },
    aliases: ['DL3011', 'DL3021', 'DL3024', 'DL3043', 'DL3061'],
    fixable: 'unsafe',
  },
  check({ file, report }) {
    // Loaded on first use: the validator is large and only Dockerfile lints need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    dockerfileUtils ??= require('dockerfile-utils') as DockerfileUtils;
    const validate = dockerfileUtils.validate;
    for (const diagnostic of reusingTree(file, () => validate(file.text))) {
      if (diagnostic.severity !== 1) continue;
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      const code = hadolintCode(file, Number(diagnostic.code));
      // `COPY a b "dir/"`: Docker removes the quotes, and the destination is a folder (the validator reads the quote).
      const written = file.text.slice(file.lines.offsetAt(diagnostic.range.start), file.lines.offsetAt(diagnostic.range.end));
      if (code === 'DL3021' && /^(["']).*[\\/]\1$/s.test(written)) continue;
      // `EXPOSE 40000-${LAST}`: Docker expands the variable before it reads the port.
      if (Number(diagnostic.code) === dockerfileUtils.ValidationCode.INVALID_PORT && written.includes('$')) continue;
      report({ start: file.lines.offsetAt(diagnostic.range.start), end: file.lines.offsetAt(diagnostic.range.end), message, fixes: libraryFixes(file, { ...diagnostic, message }), ...(code ? { code } : {}) });
    }
    // `EXPOSE 80000`: the validator checks the form of a port, Docker also refuses one past 65535.
    for (const { instruction } of instructionsOf(file, ['EXPOSE'])) {
      for (const argument of instruction.getArguments()) {
        const ports = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(argument.getValue());
        if (!ports || ports.slice(1).every((port) => port === undefined || Number(port) <= 65535)) continue;
        const range = argument.getRange();
        report({ start: file.lines.offsetAt(range.start), end: file.lines.offsetAt(range.end), code: 'DL3011', message: `\`${argument.getValue()}\` is not a port: ports go from 0 to 65535.` });
      }
    }
  },
});

/** hadolint's code for a validator error it also has a rule for. */
function hadolintCode(file: DockerfileFile, code: number): string | undefined {
  const { ValidationCode } = dockerfileUtils!;
  if (code === ValidationCode.DUPLICATE_BUILD_STAGE_NAME) return 'DL3024';
  if (code === ValidationCode.INVALID_DESTINATION) return 'DL3021';
  if (code === ValidationCode.ONBUILD_CHAINING_DISALLOWED || code === ValidationCode.ONBUILD_TRIGGER_DISALLOWED) return 'DL3043';
  // An instruction before the first FROM (a file with no FROM at all is a snippet being typed: no hadolint code).
  if (code === ValidationCode.NO_SOURCE_IMAGE && file.stages.length > 0) return 'DL3061';
  return undefined;
}

/** The quick fixes `dockerfile-language-service` computes for a validator diagnostic (a copy: it may rewrite `code`), as offset edits. */
function libraryFixes(file: DockerfileFile, diagnostic: Diagnostic & { message: string }): Fix[] {
  const { ValidationCode } = dockerfileUtils!;
  const code = Number(diagnostic.code);
  const flagCodes = [ValidationCode.UNKNOWN_ADD_FLAG, ValidationCode.UNKNOWN_COPY_FLAG, ValidationCode.UNKNOWN_HEALTHCHECK_FLAG];
  // The errors the library has code actions for; the service (~40 ms to load) is only built when one shows up.
  if (![ValidationCode.ARGUMENT_EXTRA, ValidationCode.INVALID_AS, ValidationCode.INVALID_ESCAPE_DIRECTIVE, ...flagCodes].includes(code)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  languageService ??= (require('dockerfile-language-service') as typeof import('dockerfile-language-service')).DockerfileLanguageServiceFactory.createLanguageService();
  const fixes: { fix: Fix; distance: number }[] = [];
  for (const command of languageService.computeCodeActions({ uri: '' }, diagnostic.range, { diagnostics: [diagnostic] })) {
    const edits = (languageService.computeCommandEdits(file.text, command.command, command.arguments ?? []) ?? []).map((edit) => ({
      start: file.lines.offsetAt(edit.range.start),
      end: file.lines.offsetAt(edit.range.end),
      text: edit.newText,
    }));
    if (edits.length === 0) continue;
    let distance = 0;
    if (flagCodes.includes(code)) {
      // The library offers every flag of the instruction whatever was typed, and `fix --unsafe` applies the first
      // fix: keep only flags the written one is a likely misspelling of, closest first.
      const written = file.text.slice(edits[0].start, edits[0].end).replace(/^--/, '');
      const flag = edits[0].text.replace(/^--/, '');
      distance = editDistance(written, flag);
      if (written === '' || distance > Math.max(2, Math.floor(flag.length / 3))) continue;
    }
    fixes.push({ fix: { title: command.title, safe: false, edits }, distance });
  }
  return fixes.sort((a, b) => a.distance - b.distance).map(({ fix }) => fix);
}
