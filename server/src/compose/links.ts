/**
 * Document links of a compose file: the files and folders it names (`build` context and `dockerfile`, `env_file`,
 * `extends.file`, `include`, the `file:` of secrets and configs), each only when it exists, and each `image:` to its
 * page on Docker Hub (official images at `/_/name`, others at `/r/namespace/name`) or quay.io. No link is followed by
 * the server: the editor opens them when the user asks.
 */
import * as path from '../../../engine/src/core/paths';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { getIn, mapEntries, resolve, scalarString, type ComposeFile } from '../../../engine/src/compose/model';
import { parseImageRef } from '../../../engine/src/knowledge/kb';
import { valueOffset } from './references';

export interface ComposeLink {
  start: number;
  end: number;
  /** An absolute path, or an https URL. */
  target: string;
  tooltip: string;
}

export function composeLinks(file: ComposeFile, exists: (absolutePath: string) => boolean): ComposeLink[] {
  const links: ComposeLink[] = [];
  const { doc, root } = file;
  if (!root) return links;
  const folder = path.dirname(file.path);
  // `preferred`: a file inside the named folder to open instead of it (a build context's Dockerfile).
  const addPath = (node: Node | null | undefined, base: string, tooltip: string, preferred?: string) => {
    const value = scalarString(node);
    if (!isScalar(node) || !node.range || !value || value.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('git@')) return;
    const target = path.resolve(base, value);
    const chosen = preferred && exists(preferred) ? preferred : exists(target) ? target : undefined;
    const start = valueOffset(file.text, node);
    if (!chosen || start === undefined) return;
    links.push({ start, end: start + value.length, target: chosen, tooltip });
  };
  const include = getIn(doc, root, ['include']);
  if (isSeq(include)) {
    for (const raw of include.items as Node[]) {
      const item = resolve(doc, raw);
      if (isScalar(item)) addPath(item, folder, 'Open the included file');
      else if (isMap(item)) {
        const value = getIn(doc, item, ['path']);
        if (isSeq(value)) for (const each of value.items as Node[]) addPath(resolve(doc, each), folder, 'Open the included file');
        else addPath(value, folder, 'Open the included file');
        addPath(getIn(doc, item, ['env_file']), folder, 'Open the env file');
      }
    }
  }
  for (const section of ['secrets', 'configs']) {
    const map = getIn(doc, root, [section]);
    if (!isMap(map)) continue;
    for (const entry of mapEntries(doc, map)) if (isMap(entry.value)) addPath(getIn(doc, entry.value, ['file']), folder, `Open the ${section.slice(0, -1)} file`);
  }
  for (const service of file.services) {
    const build = service.get('build');
    if (isScalar(build)) {
      const context = scalarString(build) ?? '.';
      addPath(build, folder, 'Open the Dockerfile of the build context', path.join(path.resolve(folder, context), 'Dockerfile'));
    } else if (isMap(build)) {
      const contextNode = getIn(doc, build, ['context']);
      const context = path.resolve(folder, scalarString(contextNode) ?? '.');
      const dockerfileName = scalarString(getIn(doc, build, ['dockerfile'])) ?? 'Dockerfile';
      addPath(contextNode, folder, 'Open the Dockerfile of the build context', path.resolve(context, dockerfileName));
      addPath(getIn(doc, build, ['dockerfile']), context, 'Open the Dockerfile');
    }
    const envFile = service.get('env_file');
    const envFiles = isSeq(envFile) ? (envFile.items as Node[]).map((item) => resolve(doc, item)) : [envFile];
    for (const item of envFiles) addPath(isMap(item) ? getIn(doc, item, ['path']) : item, folder, 'Open the env file');
    const extendsNode = service.get('extends');
    if (isMap(extendsNode)) addPath(getIn(doc, extendsNode, ['file']), folder, 'Open the file of the extended service');
    const image = service.get('image');
    const url = isScalar(image) ? registryPage(scalarString(image) ?? '') : undefined;
    const start = isScalar(image) && image.range ? valueOffset(file.text, image) : undefined;
    if (url && start !== undefined) links.push({ start, end: start + (scalarString(image) ?? '').length, target: url, tooltip: 'Open the image on its registry' });
  }
  return links.sort((a, b) => a.start - b.start);
}

/** The web page of an image on Docker Hub or quay.io; undefined for other registries and interpolated names. */
export function registryPage(image: string): string | undefined {
  if (!image || image.includes('$')) return undefined;
  const ref = parseImageRef(image);
  if (!ref.repository) return undefined;
  const namespace = ref.namespace ?? '';
  const [host, ...rest] = namespace.split('/');
  const registry = host.includes('.') || host.includes(':') || host === 'localhost' ? host : undefined;
  const owner = (registry ? rest : namespace ? [namespace] : []).join('/');
  if (!registry || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') {
    return !owner || owner === 'library' ? `https://hub.docker.com/_/${ref.repository}` : `https://hub.docker.com/r/${owner}/${ref.repository}`;
  }
  if (registry === 'quay.io' && owner) return `https://quay.io/repository/${owner}/${ref.repository}`;
  return undefined;
}
