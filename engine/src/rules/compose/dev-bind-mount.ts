import * as path from '../../core/paths';
import { isScalar, isSeq, type Node, type Scalar, type YAMLSeq } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import type { Edit } from '../../core/text';
import type { Fix } from '../../core/types';
import { removePair } from '../../compose/edit';
import { ownPair, removeSeqItem } from '../../compose/ensure';
import { resolve, type ComposeFile, type ComposeService } from '../../compose/model';
import { addVolumesToOverride, isDevelopmentFile, overrideNameOf, type MovedVolume } from '../../compose/override';

/** Folder names that hold data or configuration, not code: mounting them is how a service is meant to run. */
const DATA_NAMES = new Set([
  'data', 'models', 'model', 'logs', 'log', 'uploads', 'upload', 'media', 'storage', 'db', 'database', 'cache', 'tmp',
  'backup', 'backups', 'certs', 'certificates', 'ssl', 'tls', 'secrets', 'config', 'configs', 'conf', 'etc', 'init',
  'initdb', 'docker-entrypoint-initdb.d', 'static', 'assets', 'public', 'dist', 'build', 'output', 'outputs', 'volumes',
]);
/** Folder names that hold source code. */
const CODE_NAMES = new Set(['src', 'source', 'app', 'code', 'lib', 'api', 'server', 'client', 'frontend', 'backend', 'web', 'www', 'html']);
const DEFAULT_NAMES = /^(docker-compose|compose)\.(ya?ml)$/;

interface Mount {
  service: ComposeService;
  seq: YAMLSeq;
  item: Scalar;
}

export default defineComposeRule({
  meta: {
    id: 'compose/dev-bind-mount',
    severity: 'warning',
    description: 'Source code is bind-mounted into a container (hot reload): a warning in production files (`*prod*`), information elsewhere, and nothing in the files these mounts belong in (`docker-compose.override.yml`, `compose.dev.yaml`).',
    rationale:
      'Mounting the source tree over the code baked into the image is a development convenience: in production the container runs whatever is on the host\'s disk instead of the tested image, a `git pull` changes a running service, and a compromised container can write back into the source. Keep these mounts in `docker-compose.override.yml`, which Compose loads in development only when it sits next to the base file, and out of production files.',
    examples: {
      incorrect: [{ code: 'services:\n  api:\n    build: ./api\n    volumes:\n      - ./api/src:/app/src\n', filename: 'docker-compose.prod.yml' }, 'services:\n  web:\n    image: node:22\n    volumes:\n      - .:/app\n'],
      correct: [
        'services:\n  api:\n    build: ./api\n    volumes:\n      - ./api/data:/app/data\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n',
        { code: 'services:\n  api:\n    volumes:\n      - ./api/src:/app/src\n', filename: 'docker-compose.override.yml' },
      ],
    },
    fixable: 'unsafe',
    roles: ['production', 'swarm'],
  },
  check({ file, project, report }) {
    const mounts: Mount[] = [];
    for (const service of file.services) {
      const found = service.getPair('volumes');
      if (!found || found.inherited || !isSeq(found.pair.value)) continue;
      for (const raw of found.pair.value.items as Node[]) {
        const item = resolve(file.doc, raw);
        if (isScalar(item) && item === raw && item.range && isSourceMount(file, service, String(item.value))) mounts.push({ service, seq: found.pair.value, item });
      }
    }
    if (mounts.length === 0) return;
    const name = path.basename(file.path);
    const production = /prod/i.test(name);
    // An override or development file (`docker-compose.override.yml`, `compose.dev.yaml`) is where these mounts belong.
    if (!production && isDevelopmentFile(name)) return;
    // Compose merges `compose.override.yaml` over `compose.yaml`, `docker-compose.override.yml` over `docker-compose.yml`.
    const overrideName = DEFAULT_NAMES.test(name) ? overrideNameOf(name) : 'docker-compose.override.yml';
    const moveAll = !production && DEFAULT_NAMES.test(name) ? moveFix(file, mounts, project.read.bind(project)) : undefined;
    for (const mount of mounts) {
      let fixes: Fix[] = [];
      if (production) {
        const removal = removeMounts(file, [mount], mounts);
        if (removal.length) fixes = [{ title: 'Remove the source bind mount', safe: false, edits: removal }];
      } else if (moveAll) {
        fixes = [moveAll];
      }
      report({
        node: mount.item,
        severity: production ? 'warning' : 'info',
        message: production
          ? `Service "${mount.service.name}" mounts source code from the host in a production file: it runs the host's files instead of the image.`
          : `Service "${mount.service.name}" mounts source code from the host (hot reload); keep it in ${overrideName} so production runs the image.`,
        fixes,
      });
    }
  },
});

function isSourceMount(file: ComposeFile, service: ComposeService, spec: string): boolean {
  const parts = spec.split(':');
  if (parts.length < 2 || spec.includes('$')) return false;
  const source = parts[0];
  if (!(source === '.' || source === '..' || source.startsWith('./') || source.startsWith('../'))) return false;
  const last = path.basename(source.replace(/\/+$/, '')) || '.';
  if (last !== '.' && last !== '..' && (DATA_NAMES.has(last.toLowerCase()) || /\.[A-Za-z0-9]+$/.test(last))) return false;
  const absolute = path.resolve(path.dirname(file.path), source);
  const context = service.build?.context;
  if (context && (absolute === context || absolute.startsWith(context + path.sep))) return true;
  if (source === '.' || CODE_NAMES.has(last.toLowerCase())) return true;
  return /^\/(app|code|src|usr\/src\/app|var\/www\/html|srv\/app|opt\/app)(\/|$)/.test(parts[1]);
}

/**
 * Keeps the comments of removed lines, each on its own line at the indentation of the first removed line; not those
 * on `moved` lines, which go with their mount to the override file.
 */
function keepingComments(file: ComposeFile, edit: Edit, moved: ReadonlySet<number> = new Set()): Edit {
  const removed = file.text.slice(edit.start, edit.end);
  const indent = /^[ \t]*/.exec(removed)?.[0] ?? '';
  const firstLine = file.lines.positionAt(edit.start).line;
  const comments = removed
    .split(/\r?\n/)
    .map((line, index) => (moved.has(firstLine + index) ? undefined : /(?:^|\s)(#.*)$/.exec(line)?.[1]))
    .filter((c): c is string => !!c);
  if (comments.length === 0) return edit;
  return { ...edit, text: comments.map((comment) => indent + comment + file.eol).join('') + edit.text };
}

/** Removes the given mounts; a `volumes:` left empty goes too (an empty list is not valid compose). */
function removeMounts(file: ComposeFile, chosen: Mount[], all: Mount[]): Edit[] {
  return removeMountLines(file, chosen, all).map((edit) => keepingComments(file, edit));
}

function removeMountLines(file: ComposeFile, chosen: Mount[], all: Mount[]): Edit[] {
  const edits: Edit[] = [];
  const bySeq = new Map<YAMLSeq, Mount[]>();
  for (const mount of chosen) bySeq.set(mount.seq, [...(bySeq.get(mount.seq) ?? []), mount]);
  for (const [seq, mounts] of bySeq) {
    const flagged = all.filter((mount) => mount.seq === seq).length;
    if (flagged === seq.items.length) {
      const pair = ownPair(mounts[0].service.map!, 'volumes');
      const removal = pair && removePair(file, pair);
      if (!removal) return [];
      edits.push(removal);
      continue;
    }
    for (const mount of mounts) {
      const removal = removeSeqItem(file, seq, mount.item);
      if (!removal) return [];
      edits.push(removal);
    }
  }
  return edits;
}

/**
 * Every source mount of the file moves to the override file in one fix (two fixes would both create it), each with
 * its comments: the comment lines directly above its item and the one after it on its line.
 */
function moveFix(file: ComposeFile, mounts: Mount[], read: (p: string) => string | undefined): Fix | undefined {
  const commented = mounts.map((mount) => ({ mount, ...(mount.seq.flow ? { comments: [], lines: [] } : commentsOf(file, mount.item)) }));
  const moved = new Set(commented.flatMap(({ lines }) => lines));
  const removals = removeMountLines(file, mounts, mounts).map((edit) => {
    // A removed item takes the comment lines above it along.
    const above = commented.find(({ mount }) => file.lines.lineStart(file.lines.positionAt(mount.item.range![0]).line) === edit.start);
    return above?.firstLine !== undefined ? { ...edit, start: file.lines.lineStart(above.firstLine) } : edit;
  });
  const edits = joinAdjacent(removals).map((edit) => keepingComments(file, edit, moved));
  if (edits.length === 0) return undefined;
  const base = path.basename(file.path);
  const overridePath = path.join(path.dirname(file.path), overrideNameOf(base));
  const existing = read(overridePath);
  const volumes = new Map<string, MovedVolume[]>();
  for (const { mount, comments, trailing } of commented) {
    volumes.set(mount.service.name, [...(volumes.get(mount.service.name) ?? []), { spec: String(mount.item.value), comments, ...(trailing ? { trailing } : {}) }]);
  }
  const change = addVolumesToOverride(file, overridePath, existing, volumes);
  if (!change) return undefined;
  const count = mounts.length === 1 ? 'the source bind mount' : `${mounts.length} source bind mounts`;
  return { title: `Move ${count} to ${path.basename(overridePath)}`, safe: false, edits, otherFiles: [change] };
}

/**
 * The comments that belong to an item of a block list: the comment-only lines directly above it (no blank line
 * between) and a comment after it on its own line; `lines` are the lines they are on, `firstLine` the first comment line above.
 */
function commentsOf(file: ComposeFile, item: Scalar): { comments: string[]; trailing?: string; lines: number[]; firstLine?: number } {
  const line = file.lines.positionAt(item.range![0]).line;
  const after = file.text.slice(item.range![1], file.lines.lineEnd(line));
  const trailing = /^\s+#.*$/.test(after) ? after.trimEnd() : undefined;
  let first = line;
  while (first > 0 && file.lines.lineText(first - 1).trimStart().startsWith('#')) first--;
  const comments: string[] = [];
  const lines: number[] = [];
  for (let above = first; above < line; above++) {
    comments.push(file.lines.lineText(above).trim());
    lines.push(above);
  }
  if (trailing) lines.push(line);
  return { comments, trailing, lines, ...(first < line ? { firstLine: first } : {}) };
}

/** Removals that meet (one ends where the next starts) as one edit. */
function joinAdjacent(edits: Edit[]): Edit[] {
  const joined: Edit[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const last = joined[joined.length - 1];
    if (last && last.end === edit.start && last.text === '' && edit.text === '') joined[joined.length - 1] = { ...last, end: edit.end };
    else joined.push(edit);
  }
  return joined;
}

