/**
 * "Generate production override": a `docker-compose.prod.yml` (named after the base file) that adds what production
 * needs (resource limits, log rotation, restart policy, healthchecks) without touching the base file's development
 * setup, and the base file's source-code bind mounts moved into `docker-compose.override.yml`, so that
 * `docker compose up` stays the development setup and `docker compose -f base -f prod up` is production.
 * What each service lacks is decided by the rules themselves (one lint of the base file), so the override and the
 * diagnostics always agree.
 */
import * as path from './core/paths';
import { quoted, renderEntries, type YamlValue } from './compose/edit';
import { baseImageOf, healthcheckBlock, planHealthcheck } from './compose/health';
import { parseCompose } from './compose/model';
import { fixAll, type ChangedFile } from './core/fixer';
import { lint, type LintOptions } from './core/linter';
import { createProject } from './core/project';
import { NO_FILES } from './core/workspace';
import { unverified } from './core/evidence';
import { DEFAULT_LIMITS, resolveImage } from './knowledge/kb';

export interface ProductionOverrideResult {
  /** The new text of the base file (bind mounts moved out), equal to the input when nothing moved. */
  baseOutput: string;
  /** The production file (created) and the development override (created or extended). */
  files: ChangedFile[];
  /** Path of the production file. */
  productionPath: string;
  /** Services the production file configures. */
  services: string[];
  /** Set when nothing was generated, with the reason for the user. */
  refused?: string;
}

const PRODUCTION_RULES = ['compose/resource-limits', 'compose/log-rotation', 'compose/restart-policy', 'compose/healthcheck'];

/** `docker-compose.yml` → `docker-compose.prod.yml`, `compose.yaml` → `compose.prod.yaml`. */
export function productionFileName(basePath: string): string {
  const name = path.basename(basePath);
  const match = /^(.*?)(\.ya?ml)$/.exec(name);
  return path.join(path.dirname(basePath), match ? `${match[1]}.prod${match[2]}` : `${name}.prod.yml`);
}

export function generateProductionOverride(basePath: string, text: string, options: LintOptions = {}): ProductionOverrideResult {
  const absolutePath = path.resolve(basePath);
  const workspace = options.workspace ?? NO_FILES;
  const productionPath = productionFileName(absolutePath);
  const none = (refused: string): ProductionOverrideResult => ({ baseOutput: text, files: [], productionPath, services: [], refused });
  if (workspace.exists(productionPath)) return none(`${path.basename(productionPath)} already exists; edit it, or delete it to generate a new one.`);
  const base = parseCompose(absolutePath, text);
  if (base.syntaxErrors.length > 0) return none(`${path.basename(absolutePath)} does not parse; fix its syntax errors first.`);
  if (base.services.length === 0) return none(`${path.basename(absolutePath)} has no services.`);

  // 1. Source-code bind mounts leave the base file for the development override (the rule's own fix).
  const moved = fixAll(absolutePath, text, { ...options, workspace, unsafe: true, only: ['compose/dev-bind-mount'] });

  // 2. What each service lacks for production, as the rules see it (a rule the user turned off adds nothing).
  const problems = lint(absolutePath, text, { ...options, workspace, only: PRODUCTION_RULES }).problems;
  const project = createProject(workspace);
  const services: Record<string, Record<string, YamlValue>> = {};
  // What the generated values rest on without evidence, said in the file's header for the reviewer.
  const toVerify: string[] = [];
  for (const service of base.services) {
    const keyStart = service.key.range![0];
    const lacks = new Set(problems.filter((p) => p.start === keyStart).map((p) => p.ruleId));
    if (lacks.size === 0) continue;
    const entries: Record<string, YamlValue> = {};
    // `.docker-harden.yaml` `defaults:` win over the built-in values, as in the rules' own fixes.
    const defaults = options.defaults;
    if (lacks.has('compose/restart-policy')) entries.restart = defaults?.restart ?? 'unless-stopped';
    if (lacks.has('compose/healthcheck')) {
      const plan = planHealthcheck(service, project, defaults, base);
      if (plan) {
        entries.healthcheck = healthcheckBlock(plan);
        for (const claim of unverified(plan)) toVerify.push(`"${service.name}" healthcheck: ${claim}`);
      }
    }
    if (lacks.has('compose/resource-limits')) {
      // Sizes from the knowledge base for an image run as it is; a built app's needs are not known.
      const image = baseImageOf(service, project.dockerfileOf(service));
      const kb = image && !service.build ? resolveImage(image)?.limits : undefined;
      const known = kb ?? DEFAULT_LIMITS;
      const cpus = defaults?.resources?.cpus ?? known.cpus;
      const memory = defaults?.resources?.memory ?? known.memory;
      if (!kb && !defaults?.resources?.memory) toVerify.push(`"${service.name}" limits: it runs within ${memory} of memory`);
      entries.deploy = { resources: { limits: { cpus: quoted(cpus), memory } } };
    }
    if (lacks.has('compose/log-rotation')) {
      const rotation = { 'max-size': quoted(defaults?.logging?.maxSize ?? '10m'), 'max-file': quoted(defaults?.logging?.maxFile ?? '3') };
      entries.logging = { driver: 'json-file', options: rotation };
    }
    if (Object.keys(entries).length > 0) services[service.name] = entries;
  }
  const names = Object.keys(services);
  if (names.length === 0 && moved.otherFiles.length === 0) return none('Every service already has limits, log rotation, a restart policy and a healthcheck.');
  const header = [
    `# Production settings, merged over ${path.basename(absolutePath)}:`,
    `#   docker compose -f ${path.basename(absolutePath)} -f ${path.basename(productionPath)} up -d`,
    '# Generated by Docker Harden; tune the limits to what each service really uses.',
    ...(toVerify.length ? ['# Verify before use (nothing in the project shows these):', ...toVerify.map((line) => `#   - ${line}`)] : []),
  ];
  const body = names.length > 0 ? renderEntries({ services }, base.indentUnit, base.indentedSequences) : ['services: {}'];
  const production: ChangedFile = { path: productionPath, before: undefined, after: [...header, ...body].join(base.eol) + base.eol };
  return { baseOutput: moved.output, files: [production, ...moved.otherFiles], productionPath, services: names };
}
