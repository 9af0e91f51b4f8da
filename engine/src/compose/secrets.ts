/**
 * "Convert to Docker secret": moves secret-looking environment variables of a service into Docker secrets. A literal
 * goes to `secrets/<name>.txt` (mode 0600, ignored by git and the build context), an interpolated value keeps coming
 * from the host's environment (`environment: VAR`); the service gets `secrets: [<name>]` and `<VAR>_FILE`. Values
 * never appear in a title or message.
 */
import path = require('node:path');
import { isMap, isScalar, type Node, type Pair, type Scalar } from 'yaml';
import type { Edit } from '../core/text';
import type { Fix, FileChange } from '../core/types';
import { afterScalarReplacement, insertIntoMap, insertUnderKey, type YamlValue } from './edit';
import { addToServiceList, appendTopLevel, inStyleOf, ownPair } from './ensure';
import { environmentEntries, type EnvironmentEntry, type SecretValueKind } from './environment';
import { composeIndex } from './index';
import type { ComposeFile, ComposeService } from './model';

export interface SecretCandidate {
  entry: EnvironmentEntry;
  kind: SecretValueKind;
}

interface Planned {
  candidate: SecretCandidate;
  secret: string;
  source: { file: string } | { environment: string };
  content: string | undefined;
}

/** Whether a variable can be converted on its own (a value mixing text and `${VAR}` cannot be written to a file). */
export function convertible(service: ComposeService, candidate: SecretCandidate): boolean {
  const value = (candidate.entry.value ?? '').replace(/\$\$/g, '');
  if (candidate.kind === 'literal' ? value.includes('$') : !/\$\{?[A-Za-z_]/.test(value)) return false;
  if (candidate.entry.syntax === 'map' && !isScalar((candidate.entry.node as Pair).value)) return false;
  return !environmentEntries(service).some((other) => other.name === `${candidate.entry.name}_FILE`);
}

export function convertToSecretsFix(file: ComposeFile, groups: { service: ComposeService; candidates: SecretCandidate[] }[], title: string): Fix | undefined {
  const defined = composeIndex(file).defined('secrets');
  const taken = new Set(defined.keys());
  const planned: Planned[] = [];
  for (const { service, candidate } of groups.flatMap((group) => group.candidates.map((candidate) => ({ service: group.service, candidate })))) {
    const value = candidate.entry.value ?? '';
    const secret = secretName(taken, service, candidate.entry.name);
    taken.add(secret);
    if (candidate.kind === 'literal') {
      planned.push({ candidate, secret, source: { file: `./secrets/${secret}.txt` }, content: value.replace(/\$\$/g, '$') });
    } else {
      const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(value.replace(/\$\$/g, ''))![1];
      planned.push({ candidate, secret, source: { environment: variable }, content: undefined });
    }
  }
  const edits: Edit[] = [];
  for (const plan of planned) {
    const replacement = replaceEntry(file, plan.candidate.entry, `${plan.candidate.entry.name}_FILE`, `/run/secrets/${plan.secret}`);
    if (!replacement) return undefined;
    edits.push(replacement);
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

  const folder = path.dirname(file.path);
  const otherFiles: FileChange[] = [];
  for (const plan of planned) {
    if (plan.content === undefined) continue;
    otherFiles.push({ kind: 'create', path: path.join(folder, 'secrets', `${plan.secret}.txt`), content: plan.content, mode: 0o600 });
  }
  if (otherFiles.length) {
    otherFiles.push(
      { kind: 'ensureLines', path: path.join(folder, '.gitignore'), lines: ['secrets/'] },
      { kind: 'ensureLines', path: path.join(folder, '.dockerignore'), lines: ['secrets/'] },
    );
  }
  const only = planned.length === 1 ? planned[0] : undefined;
  const from = only ? (only.content !== undefined ? ` (file secrets/${only.secret}.txt)` : ` (from $${(only.source as { environment: string }).environment})`) : '';
  return { title: title + from, safe: false, edits, otherFiles };
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

/** `admin_password`, or `<service>_admin_password` when that name is taken, then a number. */
function secretName(taken: Set<string>, service: ComposeService, variable: string): string {
  const clean = (name: string) => name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_');
  const candidates = [clean(variable), clean(`${service.name}_${variable}`)];
  for (const candidate of candidates) if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n++) if (!taken.has(`${candidates[1]}_${n}`)) return `${candidates[1]}_${n}`;
}

function replaceEntry(file: ComposeFile, entry: EnvironmentEntry, name: string, target: string): Edit | undefined {
  if (entry.syntax === 'list') {
    const item = entry.node as Scalar;
    if (!item.range) return undefined;
    return { start: item.range[0], end: item.range[1], text: inStyleOf(item, `${name}=${target}`) + afterScalarReplacement(file.text, item) };
  }
  const pair = entry.node as Pair;
  const key = pair.key as Scalar;
  const value = pair.value as Node | null;
  if (!key.range || !value?.range || !isScalar(value)) return undefined;
  return { start: key.range[0], end: value.range[1], text: `${inStyleOf(key, name)}: ${inStyleOf(value, target)}${afterScalarReplacement(file.text, value)}` };
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
