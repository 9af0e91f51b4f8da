import { defineDockerfileRule } from '../../core/rule';
import { editDistance } from '../../core/text';
import type { Fix } from '../../core/types';
import { reusingTree, type DockerfileFile } from '../../dockerfile/model';

type DockerfileUtils = typeof import('dockerfile-utils');
type LanguageService = import('dockerfile-language-service').DockerfileLanguageService;
type Diagnostic = ReturnType<DockerfileUtils['validate']>[number];
let dockerfileUtils: DockerfileUtils | undefined;
let languageService: LanguageService | undefined;

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/syntax',
    severity: 'error',
    description: 'Dockerfile syntax errors (unknown instructions, missing arguments, invalid flags), as `dockerfile-utils` reports them.',
    rationale:
      'A syntax error fails `docker build` at once, or worse, is read differently than intended (a flag taken as an argument). Seeing it in the editor saves a build round trip. Only errors are reported here; style warnings of the validator are covered by the other rules. Where `dockerfile-language-service` has a quick fix for an error (a misspelled `ADD`/`COPY`/`HEALTHCHECK` flag, a second `FROM` argument that should be `AS`, an extra argument, an invalid `escape` directive), it is offered as an unsafe fix: it guesses what was meant. A flag is only renamed to a flag it is a likely misspelling of.',
    examples: {
      incorrect: ['FROM node:22-alpine\nEXPOSE port\n', 'FROM node:22-alpine\nHEALTHCHECK --intervall=30s CMD wget -qO- http://localhost:3000/ || exit 1\n'],
      correct: ['FROM node:22-alpine\nEXPOSE 3000\n', 'FROM node:22-alpine\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost:3000/ || exit 1\n'],
    },
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
      report({ start: file.lines.offsetAt(diagnostic.range.start), end: file.lines.offsetAt(diagnostic.range.end), message, fixes: libraryFixes(file, { ...diagnostic, message }) });
    }
  },
});

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
