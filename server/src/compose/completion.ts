/**
 * Completion in compose files, offline: the keys the compose-spec schema allows at the cursor (with its descriptions,
 * and whole blocks for `healthcheck`, `deploy`/`resources` and `logging`), the values of a key (schema enums and the
 * values the Compose reference lists), the names of the project's services, networks, volumes, secrets and configs
 * where one is referenced, and after `image:` the images of the knowledge base with tags it knows.
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver-types';
import type { CursorContext } from './context';
import { knowledgeLines, knownRepositories, tagsFor } from './images';
import type { NameKind } from './references';
import { keysAt, referenceUrl, valuesAt, type KeyInfo } from './schema';
import { resolveImage } from '../../../engine/src/knowledge/kb';

export interface CompletionOptions {
  snippets: boolean;
  /** Spaces per nesting level of the file. */
  indentUnit: number;
  /** YYYY-MM-DD: which runtime versions are still supported. */
  today: string;
}

/** The item completes the text between these offsets (converted to a range by the caller). */
export interface ComposeCompletion extends Omit<CompletionItem, 'textEdit'> {
  replace: { start: number; end: number; newText: string };
}

/** Blocks inserted for a key where the key alone is rarely what is wanted. `\t` marks one level of indentation. */
const BLOCKS: Record<string, { path: string; body: string; detail: string }> = {
  healthcheck: {
    path: 'services.*',
    detail: 'healthcheck block',
    body: 'healthcheck:\n\ttest: ["CMD-SHELL", "${1:curl -fsS http://localhost:${2:8080}/health || exit 1}"]\n\tinterval: ${3:30s}\n\ttimeout: ${4:5s}\n\tretries: ${5:3}\n\tstart_period: ${6:20s}',
  },
  deploy: {
    path: 'services.*',
    detail: 'deploy block with resource limits',
    body: 'deploy:\n\tresources:\n\t\tlimits:\n\t\t\tcpus: "${1:0.50}"\n\t\t\tmemory: ${2:512M}',
  },
  resources: {
    path: 'services.*.deploy',
    detail: 'resource limits and reservations',
    body: 'resources:\n\tlimits:\n\t\tcpus: "${1:0.50}"\n\t\tmemory: ${2:512M}\n\treservations:\n\t\tmemory: ${3:128M}',
  },
  logging: {
    path: 'services.*',
    detail: 'log rotation block',
    body: 'logging:\n\tdriver: json-file\n\toptions:\n\t\tmax-size: "${1:10m}"\n\t\tmax-file: "${2:3}"',
  },
};

/** Where the names of a kind are referenced: the path of the key (with `*` for a service's name) and how. */
const NAME_SLOTS: { path: string; kind: NameKind; at: CursorContext['kind'][] }[] = [
  { path: 'services.*.depends_on', kind: 'service', at: ['item', 'key'] },
  { path: 'services.*.links', kind: 'service', at: ['item'] },
  { path: 'services.*.volumes_from', kind: 'service', at: ['item'] },
  { path: 'services.*.extends', kind: 'service', at: ['value'] },
  { path: 'services.*.extends.service', kind: 'service', at: ['value'] },
  { path: 'services.*.networks', kind: 'network', at: ['item', 'key'] },
  { path: 'services.*.secrets', kind: 'secret', at: ['item'] },
  { path: 'services.*.secrets.[].source', kind: 'secret', at: ['value'] },
  { path: 'services.*.configs', kind: 'config', at: ['item'] },
  { path: 'services.*.configs.[].source', kind: 'config', at: ['value'] },
  { path: 'services.*.volumes.[].source', kind: 'volume', at: ['value'] },
];

function patternOf(path: readonly string[]): string {
  return path.map((key, index) => (index === 1 && path[0] === 'services' ? '*' : key)).join('.');
}

/** The names of a kind the project defines (the file's own first), each once. */
export type ProjectNames = (kind: NameKind) => string[];

export function composeCompletions(context: CursorContext, projectNames: ProjectNames, options: CompletionOptions): ComposeCompletion[] {
  const pattern = patternOf(context.path);
  const replace = (newText: string) => ({ start: context.start, end: context.end, newText });
  const items: ComposeCompletion[] = [];

  const slot = NAME_SLOTS.find((candidate) => candidate.path === pattern && candidate.at.includes(context.kind));
  if (slot) {
    const self = context.path[0] === 'services' ? context.path[1] : undefined;
    for (const name of projectNames(slot.kind)) {
      if (slot.kind === 'service' && name === self) continue;
      const text = context.kind === 'key' ? `${name}:` : name;
      items.push({ label: name, kind: CompletionItemKind.Reference, detail: `${slot.kind} of the project`, replace: replace(text) });
    }
    return items;
  }
  if (pattern === 'services.*.volumes' && context.kind === 'item') {
    for (const name of projectNames('volume')) {
      items.push({ label: `${name}:`, kind: CompletionItemKind.Reference, detail: 'named volume of the project', replace: replace(`${name}:`) });
    }
    return items;
  }
  if (pattern === 'services.*.image' && context.kind === 'value') return imageCompletions(context, options, replace);
  if (pattern === 'services.*.network_mode' && context.kind === 'value') {
    for (const value of valuesAt(context.path).filter((value) => value !== 'service:')) items.push(valueItem(value, replace));
    const self = context.path[1];
    for (const name of projectNames('service')) if (name !== self) items.push(valueItem(`service:${name}`, replace));
    return items;
  }

  if (context.kind === 'value' || (context.kind === 'item' && context.flow)) {
    const path = context.kind === 'item' ? [...context.path, '[]'] : context.path;
    return valuesAt(path).map((value) => valueItem(value, replace));
  }
  const mapPath = context.kind === 'item' ? [...context.path, '[]'] : context.path;
  if (context.kind === 'item') for (const value of valuesAt(mapPath)) items.push(valueItem(value, replace));
  const present = new Set(context.siblings);
  for (const info of keysAt(mapPath)) {
    if (present.has(info.key)) continue;
    items.push(keyItem(info, mapPath, options, replace));
  }
  return items;
}

function valueItem(value: string, replace: (text: string) => ComposeCompletion['replace']): ComposeCompletion {
  // `no` is the string restart policy: unquoted, YAML 1.1 readers take it for false.
  const text = value === 'no' ? '"no"' : value;
  return { label: value, kind: CompletionItemKind.EnumMember, replace: replace(text) };
}

function keyItem(info: KeyInfo, mapPath: readonly string[], options: CompletionOptions, replace: (text: string) => ComposeCompletion['replace']): ComposeCompletion {
  const path = [...mapPath, info.key];
  const url = referenceUrl(path);
  const documentation = [info.description ?? '', info.values.length > 0 ? `Values: ${info.values.map((v) => `\`${v}\``).join(', ')}` : '', url ? `[Compose reference](${url})` : '']
    .filter(Boolean)
    .join('\n\n');
  const block = BLOCKS[info.key];
  const indent = ' '.repeat(options.indentUnit);
  let text: string;
  let detail = info.types.join(' | ') || undefined;
  if (block && block.path === patternOf(mapPath) && options.snippets) {
    text = block.body.replace(/\t/g, indent);
    detail = block.detail;
  } else if (isBlockType(info)) {
    text = options.snippets ? `${info.key}:\n${indent}$0` : `${info.key}:`;
  } else {
    text = options.snippets ? `${info.key}: $0` : `${info.key}: `;
  }
  return {
    label: info.key,
    kind: CompletionItemKind.Property,
    detail,
    documentation: documentation ? { kind: 'markdown', value: documentation } : undefined,
    tags: info.deprecated ? [1] : undefined,
    insertTextFormat: options.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.adjustIndentation,
    // Required keys first, then the rest by name.
    sortText: `${info.required ? '0' : '1'}${info.key}`,
    replace: replace(text),
  };
}

/** A key whose value is only a mapping or a list: its value goes on the lines below. */
function isBlockType(info: KeyInfo): boolean {
  return info.types.length > 0 && info.types.every((type) => type === 'object' || type === 'array');
}

function imageCompletions(context: CursorContext, options: CompletionOptions, replace: (text: string) => ComposeCompletion['replace']): ComposeCompletion[] {
  const colon = context.prefix.lastIndexOf(':');
  const repositories = knownRepositories();
  if (colon > 0 && !context.prefix.slice(colon).includes('/')) {
    const repository = context.prefix.slice(0, colon);
    return tagsFor(repository, options.today).map(({ tag, variant }, index) => {
      const image = `${repository}:${tag}`;
      const known = resolveImage(image);
      return {
        label: image,
        kind: CompletionItemKind.Value,
        detail: `${variant} variant (knowledge base)`,
        documentation: known ? { kind: 'markdown', value: knowledgeLines(known).join('\n') } : undefined,
        sortText: String(index).padStart(4, '0'),
        filterText: image,
        replace: replace(image),
      };
    });
  }
  return repositories.map(({ repository, family }) => ({
    label: repository,
    kind: CompletionItemKind.Module,
    detail: `variants: ${family.variants.map((variant) => variant.variant).join(', ')} (knowledge base)`,
    // The tag comes next: a second completion offers the tags this image has.
    replace: replace(`${repository}:`),
    command: { title: 'tags', command: 'editor.action.triggerSuggest' },
  }));
}
