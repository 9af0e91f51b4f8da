/**
 * What the image knowledge base offers the editor: the images it knows with tags that select each known variant (for
 * completion after `image:`), and what it knows of one image reference (for hover). A tag is offered only when the
 * knowledge base itself resolves it to that variant, and a runtime version only while it is supported (eol.ts).
 */
import { allImageKnowledge, imageFamilies, resolveImage, type ImageKnowledge, type ImageFamilyData } from '../../../engine/src/knowledge/kb';
import { EOL, eolFacts } from '../../../engine/src/knowledge/eol';

export interface ImageTag {
  tag: string;
  variant: string;
}

/** The repository a family is pulled by: its first name that is not a pattern (`gcr.io/distroless/*` has none). */
export function repositoryOf(family: ImageFamilyData): string | undefined {
  return family.names.find((name) => !name.endsWith('/*'));
}

/** The repositories of the knowledge base, with their family. */
export function knownRepositories(): { repository: string; family: ImageFamilyData }[] {
  return imageFamilies().flatMap((family) => family.names.filter((name) => !name.endsWith('/*')).map((repository) => ({ repository, family })));
}

/**
 * The literal strings a variant's tag pattern accepts once its optional parts are left out: `^(|bookworm|trixie)$` →
 * ``, `bookworm`, `trixie`; `^alpine(\d+\.\d+)?$` → `alpine`; a pattern with other syntax gives none.
 */
export function patternExamples(pattern: string): string[] {
  let body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  for (let guard = 0; guard < 20; guard++) {
    const open = findOptionalGroup(body);
    if (!open) break;
    body = body.slice(0, open[0]) + body.slice(open[1]);
  }
  const alternation = /^\(([\w.|-]*)\)$/.exec(body);
  if (alternation) return alternation[1].split('|');
  return /^[\w.-]*$/.test(body) ? [body] : [];
}

/** The [start, end) of the first group followed by `?` (nested groups inside it included). */
function findOptionalGroup(body: string): [number, number] | undefined {
  for (let start = 0; start < body.length; start++) {
    if (body[start] !== '(' || body[start - 1] === '\\') continue;
    let depth = 0;
    for (let end = start; end < body.length; end++) {
      if (body[end] === '\\') {
        end++;
        continue;
      }
      if (body[end] === '(') depth++;
      if (body[end] === ')' && --depth === 0) {
        if (body[end + 1] === '?') return [start, end + 2];
        break;
      }
    }
  }
  return undefined;
}

const RUNTIME_CYCLES: Partial<Record<string, keyof typeof EOL>> = { python: 'python', node: 'node', golang: 'golang', debian: 'debian', ubuntu: 'ubuntu', alpine: 'alpine' };

const CODENAMES = new Set([...EOL.debian, ...EOL.ubuntu].flatMap((cycle) => (cycle.codename ? [cycle.codename] : [])));

/** Versions to offer for a family: its supported release cycles, or the version its knowledge was read from. */
function versionsOf(family: ImageFamilyData, today: string): string[] {
  const product = RUNTIME_CYCLES[family.family];
  if (product) return EOL[product].filter((cycle) => cycle.eol >= today).map((cycle) => cycle.cycle).reverse();
  const versions = new Set<string>();
  for (const entry of allImageKnowledge()) {
    if (entry.family !== family.family) continue;
    // The source's folder is the version in the images' repositories (`.../blob/<commit>/18/alpine3.23/Dockerfile`).
    const folder = /\/blob\/[0-9a-f]{40}\/([^/]+)\//.exec(entry.source)?.[1];
    const version = folder && /^\d+(\.\d+)*/.exec(folder)?.[0];
    if (version) versions.add(version);
  }
  return [...versions];
}

/** The tags offered for a repository of the knowledge base, each one the knowledge base resolves to its variant. */
export function tagsFor(repository: string, today: string): ImageTag[] {
  const family = imageFamilies().find((candidate) => candidate.names.includes(repository));
  if (!family || family.matchOn) return [];
  const tags: ImageTag[] = [];
  const seen = new Set<string>();
  const versions = versionsOf(family, today);
  for (const variant of family.variants) {
    const flavors = patternExamples(variant.match);
    // A pattern listing distribution codenames also lists releases eol.ts does not know yet (forky): not offered.
    const releases = flavors.some((flavor) => CODENAMES.has(flavor)) ? flavors.filter((flavor) => flavor === '' || CODENAMES.has(flavor)) : flavors;
    for (const flavor of releases) {
      const candidates = [...versions.flatMap((version) => (flavor ? [`${version}-${flavor}`] : [version])), ...(flavor ? [flavor] : [])];
      for (const tag of candidates) {
        if (seen.has(tag) || resolveImage(`${repository}:${tag}`)?.variant !== variant.variant) continue;
        if (eolFacts(`${repository}:${tag}`).some((fact) => fact.eol < today)) continue;
        seen.add(tag);
        tags.push({ tag, variant: variant.variant });
      }
    }
  }
  return tags;
}

/** Markdown of what the knowledge base knows about an image reference; undefined when it knows nothing. */
export function imageSummary(image: string, today: string): string | undefined {
  const known = resolveImage(image);
  const eol = eolFacts(image);
  if (!known && eol.length === 0) return undefined;
  const lines: string[] = [];
  if (known) for (const line of knowledgeLines(known)) lines.push(line);
  for (const fact of eol) lines.push(`- ${fact.label}: end of life ${fact.eol}${fact.eol < today ? ' (**past**)' : ''}`);
  return [`**${image}** (Docker Harden knowledge base)`, '', ...lines].join('\n');
}

export function knowledgeLines(known: ImageKnowledge): string[] {
  const tools = Object.entries(known.tools)
    .filter(([, has]) => has)
    .map(([tool, has]) => (has === 'busybox' ? `${tool} (busybox)` : tool));
  const lines = [
    `- variant: ${known.family}/${known.variant} (${known.os})`,
    `- user: ${known.user ?? 'root'}${known.dropsPrivileges ? ` (the entrypoint drops privileges with ${known.dropsPrivileges})` : ''}`,
    `- tools: ${tools.length > 0 ? tools.join(', ') : 'none of curl, wget, nc, python, node, a shell'}`,
  ];
  if (known.ports.length > 0) lines.push(`- listens on: ${known.ports.join(', ')}`);
  if (known.healthcheck) lines.push('- has its own HEALTHCHECK');
  if (known.fileEnv.length > 0) lines.push(`- reads secrets from: ${known.fileEnv.join(', ')}`);
  lines.push(`- source: ${known.source} (checked ${known.checked})`);
  return lines;
}
