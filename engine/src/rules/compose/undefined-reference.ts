import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import * as path from '../../core/paths';
import { includedFiles } from '../../compose/include';
import { otherMembers } from '../../compose/group';
import { composeIndex, type ComposeIndex, type TopLevelKind } from '../../compose/file-index';
import { getIn, mapEntries, parseComposeShared, resolve, scalarString, type ComposeFile } from '../../compose/model';

export default defineComposeRule({
  meta: {
    id: 'compose/undefined-reference',
    severity: 'error',
    description: '`depends_on`, `secrets`, `configs`, `networks`, a named volume or `extends` refers to something the file does not define.',
    rationale:
      'Compose stops with "service ... refers to undefined network/volume/secret" (or "depends on undefined service") before starting anything; a typo in a name is found here instead of at deploy time. What the files brought in with `include:` define counts (a file whose includes cannot all be read is skipped, since the definition may live there), and an overlay such as `docker-compose.override.yml` may use what the base file of its folder defines.',
    examples: {
      incorrect: ['services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      - db\n', 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - data:/var/lib/data\n'],
      correct: ['services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - data:/var/lib/data\nvolumes:\n  data:\n'],
    },
  },
  check({ file, project, report }) {
    if (!file.root) return;
    const included = includedFiles(file, project);
    if (!included.complete) return;
    const index = composeIndex(file);
    const base = baseFileIndex(file, project.read.bind(project));
    // What the files it includes and the files Compose merges it with (compose/group.ts) define counts.
    const merged = otherMembers(file, project).map((member) => member.file);
    const others = [...included.files, ...merged].map((other) => composeIndex(other));
    const where = [included.files.length ? 'the files it includes' : '', merged.length ? 'the files Compose merges it with' : ''].filter(Boolean).join(' or ');
    const missing = (node: Node, kind: TopLevelKind, name: string, what: string, owner: string) => {
      if (!node.range || name.includes('$')) return;
      const isDefined = (where: ComposeIndex) => (kind === 'services' ? where.serviceByName.has(name) : where.defined(kind).has(name));
      if (isDefined(index) || (base && isDefined(base)) || others.some(isDefined)) return;
      report({ start: node.range[0], end: node.range[1], message: `Service "${owner}" refers to ${what} "${name}", which is not defined in this file${where ? ` or ${where}` : ''}.` });
    };
    for (const edge of index.dependsOn) missing(edge.node, 'services', edge.to, 'the service', edge.from.name);
    for (const service of file.services) {
      for (const kind of ['secrets', 'configs'] as const) {
        const list = service.get(kind);
        if (!isSeq(list)) continue;
        for (const raw of list.items as Node[]) {
          const item = resolve(file.doc, raw);
          const node = isMap(item) ? getIn(file.doc, item, ['source']) : item;
          const name = scalarString(node);
          if (name && node) missing(node, kind, name, kind === 'secrets' ? 'the secret' : 'the config', service.name);
        }
      }
      const networks = service.get('networks');
      const networkNodes = isSeq(networks) ? (networks.items as Node[]) : isMap(networks) ? mapEntries(file.doc, networks).map((entry) => entry.key) : [];
      for (const node of networkNodes) {
        const name = scalarString(node);
        if (name && name !== 'default') missing(node, 'networks', name, 'the network', service.name);
      }
      const volumes = service.get('volumes');
      if (isSeq(volumes)) {
        for (const raw of volumes.items as Node[]) {
          const item = resolve(file.doc, raw);
          if (isScalar(item)) {
            const name = namedVolume(scalarString(item) ?? '');
            if (name) missing(item, 'volumes', name, 'the volume', service.name);
          } else if (isMap(item) && (scalarString(getIn(file.doc, item, ['type'])) ?? 'volume') === 'volume') {
            const source = getIn(file.doc, item, ['source']);
            const name = scalarString(source);
            if (name && source && isNamed(name)) missing(source, 'volumes', name, 'the volume', service.name);
          }
        }
      }
      const extendsNode = service.get('extends');
      const extended = isScalar(extendsNode) ? extendsNode : isMap(extendsNode) && getIn(file.doc, extendsNode, ['file']) === undefined ? getIn(file.doc, extendsNode, ['service']) : undefined;
      const extendedName = scalarString(extended);
      if (extended && extendedName) missing(extended, 'services', extendedName, 'the service', service.name);
      for (const key of ['network_mode', 'pid', 'ipc'] as const) {
        const value = service.get(key);
        const target = /^service:(.+)$/.exec(scalarString(value) ?? '')?.[1];
        if (target && value) missing(value, 'services', target, 'the service', service.name);
      }
      reportVolumesFrom(file, service.get('volumes_from'), (node, name) => missing(node, 'services', name, 'the service', service.name));
    }
  },
});

/**
 * An overlay (`docker-compose.override.yml`, `compose.prod.yaml`) is merged over the base file of its folder, whose
 * definitions it may use: those count as defined.
 */
function baseFileIndex(file: ComposeFile, read: (p: string) => string | undefined): ComposeIndex | undefined {
  const name = path.basename(file.path);
  if (!/^(docker-)?compose\.[^.]+.*\.ya?ml$/i.test(name)) return undefined;
  for (const candidate of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml']) {
    const basePath = path.join(path.dirname(file.path), candidate);
    const text = basePath === file.path ? undefined : read(basePath);
    if (text !== undefined) return composeIndex(parseComposeShared(basePath, text));
  }
  return undefined;
}

function reportVolumesFrom(file: ComposeFile, node: Node | null | undefined, missing: (node: Node, name: string) => void): void {
  if (!isSeq(node)) return;
  for (const item of node.items as Node[]) {
    const spec = scalarString(resolve(file.doc, item));
    if (!spec || spec.startsWith('container:')) continue;
    missing(item, spec.replace(/^service:/, '').split(':')[0]);
  }
}

/** The volume name of a short-syntax mount (`data:/var/lib/x:ro`), undefined for bind mounts and anonymous volumes. */
function namedVolume(spec: string): string | undefined {
  const colon = spec.indexOf(':');
  if (colon <= 0) return undefined;
  const source = spec.slice(0, colon);
  return isNamed(source) ? source : undefined;
}

function isNamed(source: string): boolean {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source) && !source.startsWith('.');
}
