/**
 * "Convert to Docker secret": moves secret-looking environment variables of a service into Docker secrets. A literal
 * goes to `secrets/<name>.txt` (mode 0644 in a 0700 folder: Compose bind-mounts a file secret with the host file's
 * owner and mode, so a non-root container user must be able to read it; ignored by git and the build context), an
 * interpolated value keeps coming from the host's environment (`environment: VAR`); the service gets
 * `secrets: [<name>]` and `<VAR>_FILE`. A literal is never dropped: its file is a new one (`<name>_2.txt` when
 * `<name>.txt` holds something else, or an existing one holding exactly the value), else there is no fix. Values
 * never appear in a title or message.
 */
import * as path from '../core/paths';
import { isMap, isScalar, type Node, type Pair, type Scalar } from 'yaml';
import type { Project } from '../core/project';
import type { Edit } from '../core/text';
import { assume } from '../core/evidence';
import { resolveImage } from '../knowledge/kb';
import { baseImageOf } from './health';
import { dockerignoreExclusions } from './build-contexts';
import { sourceFileVariables } from './health-route';
import { SECRET_FILE_MODE, SECRET_FOLDER_MODE, type Fix, type FileChange, type SecretSpan } from '../core/types';
import { canCreateFile } from '../core/workspace';
import { insertIntoMap, insertUnderKey, replaceThroughScalar, type YamlValue } from './edit';
import { addToServiceList, appendTopLevel, inStyleOf, ownPair } from './ensure';
import { environmentEntries, singleVariable, type EnvironmentEntry, type SecretValueKind } from './environment';
import { composeIndex } from './file-index';
import type { ComposeFile, ComposeService } from './model';

export interface SecretCandidate {
  entry: EnvironmentEntry;
  kind: SecretValueKind;
}

interface Planned {
  candidate: SecretCandidate;
  secret: string;
  source: { file: string } | { environment: string };
  /** The literal value; undefined for an interpolated one. */
  content: string | undefined;
  /** The file to create for the literal; undefined when an existing file already holds exactly the value. */
  create?: string;
}

/** Names tried for a literal's file before giving up (a `secrets` folder that is a link or not writable). */
const MAX_FILE_NAMES = 10;

/**
 * Whether a variable can be converted on its own: a literal with no `$` but `$$` (text mixed with `${VAR}` cannot be
 * written to a file), or a value that is exactly one variable with no default (`environment: VAR` has none to keep).
 */
export function convertible(service: ComposeService, candidate: SecretCandidate): boolean {
  const value = candidate.entry.value ?? '';
  if (candidate.kind === 'literal' ? value.replace(/\$\$/g, '').includes('$') : hostVariable(value) === undefined) return false;
  if (candidate.entry.syntax === 'map' && !isScalar((candidate.entry.node as Pair).value)) return false;
  return !environmentEntries(service).some((other) => other.name === `${candidate.entry.name}_FILE`);
}

/**
 * The host variable a value is read from when the whole value is `$VAR`, `${VAR}` or `${VAR:-}`: a default, an error
 * (`:?`) or a replacement (`:+`) would be lost in `environment: VAR`, and `$S$$_1` is S followed by the text `$_1`.
 */
function hostVariable(value: string): string | undefined {
  const variable = singleVariable(value);
  if (!variable) return undefined;
  const emptyDefault = (variable.operator === '-' || variable.operator === ':-') && variable.argument === '';
  return variable.operator === undefined || emptyDefault ? variable.variable : undefined;
}

export function convertToSecretsFix(
  file: ComposeFile,
  project: Project,
  groups: { service: ComposeService; candidates: SecretCandidate[] }[],
  title: string,
): Fix | undefined {
  const defined = composeIndex(file).defined('secrets');
  const taken = new Set(defined.keys());
  const folder = path.dirname(file.path);
  const planned: Planned[] = [];
  const serviceOf = new Map<Planned, ComposeService>();
  const group = (plan: Planned) => serviceOf.get(plan);
  for (const { service, candidate } of groups.flatMap((g) => g.candidates.map((candidate) => ({ service: g.service, candidate })))) {
    const before = planned.length;
    const value = candidate.entry.value ?? '';
    if (candidate.kind === 'literal') {
      const content = value.replace(/\$\$/g, '$');
      const target = secretFile(project, folder, taken, secretName(taken, service, candidate.entry.name), content);
      if (!target) return undefined;
      taken.add(target.secret);
      planned.push({ candidate, secret: target.secret, source: { file: `./secrets/${target.secret}.txt` }, content, create: target.create });
    } else {
      const secret = secretName(taken, service, candidate.entry.name);
      taken.add(secret);
      const variable = hostVariable(value)!;
      planned.push({ candidate, secret, source: { environment: variable }, content: undefined });
    }
    for (const plan of planned.slice(before)) serviceOf.set(plan, service);
  }
  const edits: Edit[] = [];
  for (const plan of planned) {
    const replacement = replaceEntry(file, plan.candidate.entry, `${plan.candidate.entry.name}_FILE`, `/run/secrets/${plan.secret}`);
    if (!replacement) return undefined;
    for (const edit of replacement) edits.push(edit);
  }
  // Every service that shares the environment (through an anchor) needs the secret.
  const shared = environmentUsers(file);
  const involved = new Set(planned.flatMap((plan) => [...(shared.usersOf.get(plan.candidate.entry.node) ?? [])]));
  const users = new Map<ComposeService, string[]>();
  for (const candidate of file.services) {
    if (!involved.has(candidate)) continue;
    const nodes = shared.nodesOf.get(candidate)!;
    const names = planned.filter((plan) => nodes.has(plan.candidate.entry.node)).map((plan) => plan.secret);
    if (names.length) users.set(candidate, names);
  }
  for (const [user, names] of users) {
    if (!user.map) return undefined;
    const grant = addToServiceList(file, user.map, 'secrets', names);
    if (!grant) return undefined;
    edits.push(grant);
  }
  const definition = defineSecrets(file, Object.fromEntries(planned.map((plan) => [plan.secret, plan.source])));
  if (!definition) return undefined;
  edits.push(definition);

  const otherFiles: FileChange[] = [];
  for (const plan of planned) {
    if (plan.create === undefined) continue;
    otherFiles.push({ kind: 'create', path: plan.create, content: plan.content!, mode: SECRET_FILE_MODE, folderMode: SECRET_FOLDER_MODE, secret: true });
  }
  if (planned.some((plan) => plan.content !== undefined)) {
    otherFiles.push(
      { kind: 'ensureLines', path: path.join(folder, '.gitignore'), lines: ['secrets/'] },
      // Docker-ignored in the build contexts that would send it (never a .dockerignore where nothing builds).
      ...dockerignoreExclusions(file, project, path.join(folder, 'secrets')),
    );
  }
  // The app must read `<VAR>_FILE`: known from the image's entrypoint (knowledge base) or the app's source.
  const assumptions = groups.flatMap(({ service }) =>
    planned
      .filter((plan) => group(plan) === service)
      .map((plan) => assume(`"${service.name}" reads ${plan.candidate.entry.name}_FILE`, fileVariableEvidence(project, service, `${plan.candidate.entry.name}_FILE`))),
  );
  const only = planned.length === 1 ? planned[0] : undefined;
  const from = only ? (only.content !== undefined ? ` (file secrets/${only.secret}.txt)` : ` (from $${(only.source as { environment: string }).environment})`) : '';
  // The values leave the file: output that shows the lines they were on masks them (a default is a secret too).
  const secrets = planned.flatMap((plan) => (plan.candidate.kind === 'interpolated' ? [] : valueSpan(file, plan.candidate.entry)));
  return { title: title + from, safe: false, assumptions, edits, otherFiles, secrets };
}

/** Where it is known that a service reads a `*_FILE` variable: its image's entrypoint, or its source. */
function fileVariableEvidence(project: Project, service: ComposeService, variable: string): string | undefined {
  const image = baseImageOf(service, project.dockerfileOf(service));
  const known = image ? resolveImage(image) : undefined;
  if (known?.fileEnv.includes(variable)) return `image knowledge: the ${known.family} entrypoint reads ${variable}`;
  const context = service.build && !service.build.inline ? service.build.context : undefined;
  if (context && sourceFileVariables(project, context).has(variable)) return `the app's source mentions ${variable}`;
  return undefined;
}

interface EnvironmentUsers {
  /** The environment entry nodes of each service. */
  nodesOf: Map<ComposeService, Set<unknown>>;
  /** The services whose environment has an entry node (more than one when shared through an anchor). */
  usersOf: Map<unknown, Set<ComposeService>>;
}

/** Who uses which environment entry, once per parsed file: the rule builds a fix per secret, per service and per file. */
const environmentUsersOf = new WeakMap<ComposeFile, EnvironmentUsers>();

function environmentUsers(file: ComposeFile): EnvironmentUsers {
  let users = environmentUsersOf.get(file);
  if (!users) {
    users = { nodesOf: new Map(), usersOf: new Map() };
    for (const service of file.services) {
      const nodes = new Set<unknown>(environmentEntries(service).map((entry) => entry.node));
      users.nodesOf.set(service, nodes);
      for (const node of nodes) {
        const list = users.usersOf.get(node) ?? new Set<ComposeService>();
        list.add(service);
        users.usersOf.set(node, list);
      }
    }
    environmentUsersOf.set(file, users);
  }
  return users;
}

/**
 * The file a literal goes to: `secrets/<name>.txt` when nothing is there, or when it holds exactly the value;
 * else `<name>_2.txt`, `<name>_3.txt`... (a file with other content, or one the workspace cannot read, is never
 * reused). Undefined when no name can be created (a `secrets` folder that is a link or not writable).
 */
function secretFile(project: Project, folder: string, taken: Set<string>, name: string, content: string): { secret: string; create?: string } | undefined {
  for (let n = 1, tried = 0; tried < MAX_FILE_NAMES; n++) {
    const secret = n === 1 ? name : `${name}_${n}`;
    if (n > 1 && taken.has(secret)) continue;
    tried++;
    const target = path.join(folder, 'secrets', `${secret}.txt`);
    const existing = project.read(target);
    if (existing !== undefined) {
      if (existing === content) return { secret };
      continue;
    }
    if (!project.workspace.exists(target) && canCreateFile(project.workspace, target)) return { secret, create: target };
  }
  return undefined;
}

/** `admin_password`, or `<service>_admin_password` when that name is taken, then a number. */
function secretName(taken: Set<string>, service: ComposeService, variable: string): string {
  const clean = (name: string) => name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_');
  const candidates = [clean(variable), clean(`${service.name}_${variable}`)];
  for (const candidate of candidates) if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n++) if (!taken.has(`${candidates[1]}_${n}`)) return `${candidates[1]}_${n}`;
}

/** Where an entry's value is written, in whatever spelling (quotes, escapes, `$$`, a block scalar's lines). */
function valueSpan(file: ComposeFile, entry: EnvironmentEntry): SecretSpan[] {
  const node = entry.syntax === 'list' ? (entry.node as Scalar) : ((entry.node as Pair).value as Scalar | null);
  if (!node?.range) return [];
  let [start, end] = node.range;
  // A list item is `NAME=value` (quoted or not): the value starts after the first `=` of its source (the whole
  // item when that `=` is spelled as an escape).
  const equals = entry.syntax === 'list' ? file.text.indexOf('=', start) : -1;
  if (equals >= 0 && equals < end) start = equals + 1;
  // A block scalar's range runs past its last line break.
  while (end > start && (file.text[end - 1] === '\n' || file.text[end - 1] === '\r')) end--;
  return end > start ? [{ start, end, value: entry.value ?? '' }] : [];
}

function replaceEntry(file: ComposeFile, entry: EnvironmentEntry, name: string, target: string): Edit[] | undefined {
  if (entry.syntax === 'list') {
    const item = entry.node as Scalar;
    if (!item.range) return undefined;
    return replaceThroughScalar(file, item.range[0], item, inStyleOf(item, `${name}=${target}`));
  }
  const pair = entry.node as Pair;
  const key = pair.key as Scalar;
  const value = pair.value as Node | null;
  if (!key.range || !value?.range || !isScalar(value)) return undefined;
  return replaceThroughScalar(file, key.range[0], value, `${inStyleOf(key, name)}: ${inStyleOf(value, target)}`);
}

function defineSecrets(file: ComposeFile, entries: Record<string, YamlValue>): Edit | undefined {
  if (!file.root) return undefined;
  const pair = ownPair(file.root, 'secrets');
  if (!pair) return appendTopLevel(file, { secrets: entries });
  const value = pair.value as Node | null;
  if (value === null || (isScalar(value) && value.value === null)) return insertUnderKey(file, pair, entries);
  if (!isMap(value)) return undefined;
  return insertIntoMap(file, value, entries);
}
