/** Users of a Dockerfile stage: who it runs as, the users it creates or inherits, and the fix that switches to a non-root one. */
import type { Instruction } from 'dockerfile-ast';
import { assume } from '../core/evidence';
import type { Edit } from '../core/text';
import type { Assumption } from '../core/types';
import { resolveImage } from '../knowledge/kb';
import { existingUser, installedPackages, stageFamily } from './facts';
import { appendToStage, insertLines } from './insert';
import { expandArgs, parentStage, rootImage, type DockerfileFile, type Stage } from './model';
import { readRun } from './shell';

export function isRoot(user: string): boolean {
  const name = user.split(':')[0].trim().toLowerCase();
  return name === 'root' || name === '0';
}

/** Why a stage must not simply get a `USER`: it binds a port below 1024, or its entrypoint drops privileges itself. */
export function nonRootRefusal(file: DockerfileFile, stage: Stage): string | undefined {
  const image = rootImage(file, stage);
  const known = resolveImage(image);
  const low: number[] = [];
  for (let current: Stage | undefined = stage, guard = 0; current && guard < 64; current = parentStage(file, current), guard++) {
    for (const expose of current.instructions.filter((instruction) => instruction.getKeyword() === 'EXPOSE')) {
      for (const word of (expose.getArgumentsContent() ?? '').trim().split(/\s+/)) {
        const port = parseInt(word, 10);
        if (port > 0 && port < 1024) low.push(port);
      }
    }
  }
  if (low.length === 0 && known) for (const port of known.ports) if (port < 1024) low.push(port);
  if (low.length) return `it listens on port ${low[0]}, below 1024, which a non-root user cannot bind without CAP_NET_BIND_SERVICE (move it to a port above 1024, or use an unprivileged variant of the image)`;
  if (known?.dropsPrivileges) return `the ${known.family} image's entrypoint starts as root and switches user itself (${known.dropsPrivileges}); a USER would break it`;
  const entry = [...stage.instructions].reverse().find((instruction) => instruction.getKeyword() === 'ENTRYPOINT');
  const dropper = /\b(gosu|su-exec|setpriv|s6-setuidgid|supervisord|chpst|runuser|chroot\s+--userspec|USERMAP_UID|PUID)\b/.exec(entry?.getArgumentsContent() ?? '');
  if (dropper) return `its ENTRYPOINT switches user itself (${dropper[1]}); a USER would break it`;
  // An entrypoint script (not readable here) with gosu/su-exec installed for it: the PUID pattern, which needs root.
  const switcher = entry ? ['su-exec', 'gosu'].find((tool) => installedPackages(file, stage).has(tool)) : undefined;
  if (switcher) return `it installs ${switcher} for its ENTRYPOINT, which then switches user itself; a USER would break it`;
  return undefined;
}

/**
 * The distro-aware fix: reuse the user the stage creates or the image already has (`node`, `nonroot`, `postgres`),
 * or create a system user with the tools of its family, then `USER` before the first `CMD`/`ENTRYPOINT` that follows
 * the last step needing root. What it assumes (the app writes only where the new user may) comes with it.
 */
export function nonRootFix(file: DockerfileFile, stage: Stage): { title: string; edits: Edit[]; user: string; assumptions: Assumption[] } | undefined {
  const image = rootImage(file, stage);
  const family = stageFamily(file, stage);
  const created = createdUser(file, stage);
  // A user of the image renamed by the stage (`usermod -l app node`) exists only under its new name.
  const imageUser = resolveImage(image)?.nonRootUser ?? existingUser(image);
  const ready = created ?? (imageUser ? renamedUser(file, stage, imageUser) : undefined);
  let create: string | undefined;
  let user: string;
  if (ready) {
    user = ready;
  } else if (family === 'alpine') {
    user = 'app';
    create = 'RUN addgroup -S app && adduser -S -G app app';
  } else if (family === 'debian' || family === 'rhel' || family === 'unknown') {
    user = 'app';
    create = 'RUN groupadd -r app && useradd -r -g app app';
  } else if (family === 'scratch') {
    user = '65532:65532';
  } else {
    return undefined;
  }
  const anchor = insertionPoint(file, stage);
  const text = [...(create ? [create] : []), `USER ${user}`].map((line) => line + file.eol).join('');
  // Without a CMD/ENTRYPOINT after the last root step, at the end of the stage.
  const edit = anchor !== undefined ? insertLines(file, anchor, text) : appendToStage(file, stage, text);
  if (!edit) return undefined;
  // Files the stage copies or creates are root's: a user that did not exist when they were written cannot write
  // there (WORKDIR included) unless the stage hands them over.
  const workdirs = stage.instructions.filter((instruction) => instruction.getKeyword() === 'WORKDIR').map((instruction) => (instruction.getArgumentsContent() ?? '').trim());
  const workdir = workdirs[workdirs.length - 1];
  const chowned = stage.instructions.some((instruction) => /--chown|\bchown\b/.test(instruction.getArgumentsContent() ?? ''));
  const assumptions = workdir && !chowned ? [assume(`the app writes nothing under ${workdir} (owned by root; "${user}" cannot write there)`, undefined)] : [];
  return {
    title: created ? `Switch to the "${user}" user created in this stage` : ready ? `Run as the image's "${user}" user` : create ? `Create a non-root user "${user}" and switch to it` : `Run as user ${user}`,
    edits: [edit],
    user,
    assumptions,
  };
}

/** Start of the line (above its comments) of the first CMD/ENTRYPOINT/HEALTHCHECK after the last RUN of the stage. */
function insertionPoint(file: DockerfileFile, stage: Stage): number | undefined {
  const instructions = stage.instructions;
  let lastRootStep = -1;
  instructions.forEach((instruction: Instruction, index) => {
    const keyword = instruction.getKeyword();
    if (keyword === 'RUN' || keyword === 'USER') lastRootStep = index;
  });
  const target = instructions.slice(lastRootStep + 1).find((instruction) => ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(instruction.getKeyword()));
  if (!target) return undefined;
  let line = target.getRange().start.line;
  while (line > 0 && file.lines.lineText(line - 1).trim().startsWith('#')) line--;
  return file.lines.lineStart(line);
}

/**
 * A user the stage (or a stage it builds on) creates with `useradd`/`adduser`, under the name it has at the end of the
 * stage (`usermod -l` renames it): the fix switches to it. A name given by a variable the stage declares (`ARG
 * USERNAME=app` ... `useradd "$USERNAME"`) is kept as that variable, so a `--build-arg` still names the same user.
 */
function createdUser(file: DockerfileFile, stage: Stage): string | undefined {
  const variables = stageVariables(file, stage);
  let found: string | undefined;
  for (let current: Stage | undefined = stage, guard = 0; current && guard < 64 && !found; current = parentStage(file, current), guard++) {
    for (const instruction of current.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const command of readRun(file, instruction).commands) {
        if (command.name !== 'useradd' && command.name !== 'adduser') continue;
        const valueOptions = ['-g', '-G', '-u', '-d', '-s', '-h', '-c', '-k', '-K', '-e', '-f', '-p', '--gid', '--groups', '--uid', '--home', '--home-dir', '--shell', '--comment', '--gecos', '--ingroup'];
        const names: string[] = [];
        for (let index = 0; index < command.args.length; index++) {
          const value = command.args[index].value;
          if (value.startsWith('-')) {
            if (valueOptions.includes(value)) index++;
            continue;
          }
          names.push(value);
        }
        // `adduser USER GROUP` (Debian) adds an existing user to a group: the user is the first name.
        const name = command.name === 'adduser' && names.length === 2 ? names[0] : names[names.length - 1];
        const variable = name ? /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(name) : null;
        if (variable) {
          const value = variables.get(variable[1]);
          if (variables.has(variable[1]) && (value === undefined || !isRoot(value))) found = `\${${variable[1]}}`;
        } else if (name && /^[a-z_][a-z0-9_-]*\$?$/i.test(name) && name !== 'root') found = name;
      }
    }
  }
  return found === undefined ? undefined : renamedUser(file, stage, found);
}

/** The name `user` has at the end of the stage: `usermod -l NEW OLD` in the stage or a stage it builds on renames it. */
export function renamedUser(file: DockerfileFile, stage: Stage, user: string): string {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage, guard = 0; current && guard < 64; current = parentStage(file, current), guard++) chain.unshift(current);
  let name = user;
  for (const current of chain) {
    for (const instruction of current.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const command of readRun(file, instruction).commands) {
        if (command.name !== 'usermod') continue;
        const words = command.args.map((word) => word.value);
        const at = words.findIndex((word) => word === '-l' || word === '--login');
        const renamed = at >= 0 ? words[at + 1] : words.find((word) => word.startsWith('--login='))?.slice('--login='.length);
        if (renamed && words[words.length - 1] === name && words.length - 1 !== at + 1) name = renamed;
      }
    }
  }
  return name;
}

/**
 * The ARG and ENV variables a stage's instructions see, with their values where known: those of the stages it builds
 * on first; an ARG declared in the stage without a value takes the global ARG's default (before the first FROM).
 */
export function stageVariables(file: DockerfileFile, stage: Stage): Map<string, string | undefined> {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage, guard = 0; current && guard < 64; current = parentStage(file, current), guard++) chain.unshift(current);
  const variables = new Map<string, string | undefined>();
  const unquote = (value: string) => value.replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
  for (const current of chain) {
    for (const instruction of current.instructions) {
      const keyword = instruction.getKeyword();
      const content = (instruction.getArgumentsContent() ?? '').trim();
      if (keyword === 'ARG') {
        const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(content);
        if (!match) continue;
        if (match[2] !== undefined) variables.set(match[1], unquote(match[2]));
        else if (!variables.has(match[1])) {
          const global = expandArgs(file, `\${${match[1]}}`);
          variables.set(match[1], global === `\${${match[1]}}` ? undefined : global);
        }
      } else if (keyword === 'ENV') {
        const pairs = [...content.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)];
        if (pairs.length) for (const pair of pairs) variables.set(pair[1], unquote(pair[2]));
        else {
          const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$/.exec(content);
          if (legacy) variables.set(legacy[1], unquote(legacy[2].trim()));
        }
      }
    }
  }
  return variables;
}

/** A `USER` value with the stage's ARG/ENV variables replaced where their value is known (`USER ${RUN_AS}` → `root`). */
export function expandUser(file: DockerfileFile, stage: Stage, user: string): string {
  const variables = stageVariables(file, stage);
  return user.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = variables.get((braced ?? bare)!);
    return value !== undefined && value !== '' ? value : fallback ?? all;
  });
}

/**
 * Whether a stage runs as root: its last USER (variables expanded; an unknown value is not taken for root) is root, or
 * it has none and neither a stage it builds on nor its image switched to a non-root user.
 */
export function runsAsRoot(file: DockerfileFile, stage: Stage): boolean {
  const users = stage.instructions.filter((instruction) => instruction.getKeyword() === 'USER');
  const written = users[users.length - 1]?.getArgumentsContent()?.trim();
  if (written) return isRoot(expandUser(file, stage, written));
  return !inheritedUser(file, stage) && !runsAsNonRootByDefault(rootImage(file, stage));
}

/** The last USER of the stages the stage builds on (`FROM base`), when it is not root. */
export function inheritedUser(file: DockerfileFile, stage: Stage): string | undefined {
  for (let current = parentStage(file, stage), guard = 0; current && guard < 64; current = parentStage(file, current), guard++) {
    const users = current.instructions.filter((instruction) => instruction.getKeyword() === 'USER');
    const user = users[users.length - 1]?.getArgumentsContent()?.trim();
    if (user) return isRoot(user) ? undefined : user;
  }
  return undefined;
}

/**
 * Images whose default user is not root: those the knowledge base knows to end with a non-root USER (grafana 472,
 * bitnami 1001, mattermost...), distroless `:nonroot` tags, `*-unprivileged` and `*-nonroot` images.
 */
export function runsAsNonRootByDefault(image: string): boolean {
  const user = resolveImage(image)?.user;
  if (user && !isRoot(user)) return true;
  const lower = image.toLowerCase();
  return /:(debug-)?nonroot\b/.test(lower) || /(-|\/)(unprivileged|nonroot|rootless)(:|$)/.test(lower) || /chainguard|cgr\.dev\//.test(lower);
}
