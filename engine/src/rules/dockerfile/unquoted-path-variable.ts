import { defineDockerfileRule } from '../../core/rule';
import { allRuns } from '../../dockerfile/commands';
import { parentStage, type DockerfileFile, type Stage } from '../../dockerfile/model';
import { expansions } from '../../dockerfile/quoting';

/** Commands whose bare arguments are paths. */
const FILE_COMMANDS = new Set(['cd', 'cp', 'mv', 'rm', 'mkdir', 'rmdir', 'chmod', 'chown', 'chgrp', 'ln', 'touch', 'cat', 'ls', 'source', '.', 'install', 'tar', 'unzip', 'stat', 'realpath', 'readlink', 'du', 'find']);
/**
 * Variables that hold one word: set by Docker (`TARGETPLATFORM` is `linux/amd64`), the shell (`HOME`, `PWD`) or a base
 * image without spaces in a container.
 */
const ONE_WORD = new Set([
  'HOME', 'PWD', 'OLDPWD', 'USER', 'HOSTNAME', 'UID',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  // Set by official base images (eclipse-temurin, golang, rust, ruby, postgres, tomcat...) to a path without spaces.
  'JAVA_HOME', 'GOPATH', 'GOROOT', 'CARGO_HOME', 'RUSTUP_HOME', 'GEM_HOME', 'BUNDLE_PATH', 'BUNDLE_APP_CONFIG', 'PGDATA', 'CATALINA_HOME', 'MAVEN_HOME', 'GRADLE_HOME', 'VIRTUAL_ENV', 'NVM_DIR', 'PYENV_ROOT',
]);
/** A literal value the shell cannot split or glob. */
const ONE_WORD_VALUE = /^[^\s*?[\]$`'"]*$/;

type Properties = { getProperties?: () => { getName(): string; getValue(): string | null }[] };

/**
 * Variables an ENV or ARG of the stage (or of the stages it builds on) sets to a value that cannot be split, in order. A global ARG counts only where the
 * stage declares it again (`ARG NAME` takes the global default; elsewhere a RUN sees it unset).
 */
function oneWordVariables(file: DockerfileFile, stage: Stage | undefined): Set<string> {
  const oneWord = (value: string | null) => value !== null && value !== '' && ONE_WORD_VALUE.test(value);
  const globals = new Map<string, boolean>();
  for (const instruction of file.preamble) {
    if (instruction.getKeyword() !== 'ARG') continue;
    for (const property of (instruction as typeof instruction & Properties).getProperties?.() ?? []) globals.set(property.getName(), oneWord(property.getValue()));
  }
  // The stages it builds on first (their ENV is in the image), then its own.
  const chain: Stage[] = [];
  for (let current = stage, guard = 0; current && guard < 64; current = parentStage(file, current), guard++) chain.unshift(current);
  const names = new Set<string>();
  for (const instruction of chain.flatMap((each) => each.instructions)) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    for (const property of (instruction as typeof instruction & Properties).getProperties?.() ?? []) {
      const value = property.getValue();
      // An ARG without a default is the global one's, or whatever --build-arg says: unknown.
      const safe = keyword === 'ARG' && value === null ? globals.get(property.getName()) === true : oneWord(value);
      if (safe) names.add(property.getName());
      else names.delete(property.getName());
    }
  }
  return names;
}

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/unquoted-path-variable',
    severity: 'info',
    description: 'An unquoted `$VAR` in a path argument of `RUN` (`rm -rf $DIR/*`, `cd $APP_HOME`) whose value may hold spaces (ShellCheck SC2086).',
    rationale:
      'The shell splits an unquoted expansion on spaces and expands globs in it: with `APP_DIR="/opt/my app"`, `rm -rf $APP_DIR/cache` removes `/opt/my` and `app/cache`, and an empty variable turns `rm -rf $DIR/*` into `rm -rf /*`. Quoting the variable (`"$APP_DIR"/cache`) keeps it one path. Only path arguments are checked (a word with a `/`, or the argument of a file command such as `cd`, `cp`, `rm`, `mkdir`, `chown`), and a variable is left alone when the Dockerfile gives it a one-word value (`ENV APP_HOME=/app`, `ARG DIR=/src`: a build argument overridden with spaces is on the builder) or Docker or an official base image sets it (`TARGETARCH`, `HOME`, `JAVA_HOME`, `GOPATH`, `PGDATA`). The fix quotes the variable; it is safe in a path with a `/` (the variable is one part of one path) and unsafe for a whole argument (verify it does not hold several paths).',
    examples: {
      incorrect: ['FROM debian:12-slim\nARG CACHE_DIR\nRUN rm -rf $CACHE_DIR/*\n'],
      correct: ['FROM debian:12-slim\nARG CACHE_DIR\nRUN rm -rf "$CACHE_DIR"/*\n', 'FROM debian:12-slim\nENV APP_HOME=/app\nRUN mkdir -p $APP_HOME/logs\n'],
    },
    fixable: 'safe',
    aliases: ['SC2086'],
  },
  check({ file, report }) {
    const known = new Map<Stage | undefined, Set<string>>();
    for (const { stage, script } of allRuns(file)) {
      if (script.exec) continue;
      if (!known.has(stage)) known.set(stage, oneWordVariables(file, stage));
      const oneWord = new Set(known.get(stage));
      for (const command of script.commands) {
        // `DIR=/opt/x && cd $DIR`, `export DIR=/opt/x`: a one-word value set earlier in the script.
        const assigned = command.name === 'export' || command.name === 'declare' ? [...command.assignments, ...command.args] : command.assignments;
        for (const word of assigned) {
          const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word.value);
          if (match) (ONE_WORD_VALUE.test(match[2]) && match[2] !== '' ? oneWord.add(match[1]) : oneWord.delete(match[1]));
        }
        if (!command.program || command.name === 'export' || command.name === 'declare') continue;
        for (const word of command.args) {
          const raw = file.text.slice(word.start, word.end);
          const pathLike = raw.includes('/');
          if (!pathLike && !FILE_COMMANDS.has(command.name ?? '')) continue;
          for (const expansion of expansions(file, word)) {
            if (expansion.quoted || ONE_WORD.has(expansion.name) || oneWord.has(expansion.name)) continue;
            // A whole argument `$VAR` of a file command, or a variable inside a path.
            if (!pathLike && (expansion.start !== word.start || expansion.end !== word.end)) continue;
            const text = file.text.slice(expansion.start, expansion.end);
            report({
              start: expansion.start,
              end: expansion.end,
              message: `\`${text}\` is not quoted: a value with spaces or \`*\` splits this path into several. Write \`"${text}"\`.`,
              fixes: [
                {
                  title: pathLike ? `Quote ${text}` : `Quote ${text} (verify it holds one path, not a list)`,
                  safe: pathLike,
                  edits: [{ start: expansion.start, end: expansion.start, text: '"' }, { start: expansion.end, end: expansion.end, text: '"' }],
                },
              ],
            });
          }
        }
      }
    }
  },
});
