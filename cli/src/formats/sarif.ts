/**
 * `--format sarif`: a SARIF 2.1.0 log with one run, the full rule metadata (help URI = the rule's docs page, default
 * level, description and rationale) and one result per problem, so GitHub code scanning can show it.
 * The hadolint and ShellCheck codes a rule carries (its aliases DL3008, SC2016) are in its metadata three ways, so
 * code-scanning users who came from hadolint keep finding them: `deprecatedIds` (the ids the rule had in the tool
 * the history comes from), `relationships` to the taxa of a `hadolint` taxonomy in the run, and `properties.aliases`
 * with the tags; a result of a rule with several codes names its own in `properties.hadolintCode`.
 */
import { pathToFileURL } from 'node:url';
import { allRules, docsUrl, type RuleMeta, type Severity } from '../../../engine/src/index';
import type { FileReport } from '../report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Problems of the config file itself carry these ids; they get metadata like the rules. */
const CONFIG_RULES: Pick<RuleMeta, 'id' | 'severity' | 'description' | 'rationale'>[] = [
  {
    id: 'config/schema',
    severity: 'error',
    description: 'The .docker-harden.yaml config file is not valid YAML or does not match its schema.',
    rationale: 'An invalid setting is ignored, so the linter may not run as the config intends.',
  },
  {
    id: 'config/unknown-rule',
    severity: 'error',
    description: 'The config file names a rule that does not exist.',
    rationale: 'A misspelled rule id silently configures nothing.',
  },
  {
    id: 'config/hadolint',
    severity: 'warning',
    description: 'A value of .hadolint.yaml that is not hadolint\'s config (an unknown key, a wrong type); it is left out.',
    rationale: 'A misspelled key or a value of the wrong type in .hadolint.yaml silently configures nothing; hadolint itself refuses such a file.',
  },
];

const CONFIG_SCHEMA_URL = 'https://github.com/docker-harden/docker-harden/blob/main/schemas/docker-harden.schema.json';

export interface SarifContext {
  version: string;
  cwd: string;
  /** `strict` enables the strict rules by default. */
  profile?: 'recommended' | 'strict';
}

export function formatSarif(reports: readonly FileReport[], context: SarifContext): string {
  const metas = [...allRules.map((rule) => rule.meta), ...CONFIG_RULES];
  const index = new Map(metas.map((meta, i) => [meta.id, i]));
  const rules = metas.map((meta) => {
    const strict = 'strict' in meta && meta.strict === true;
    // The config file's own problems are documented by its schema.
    const url = meta.id.startsWith('config/') ? CONFIG_SCHEMA_URL : docsUrl(meta.id);
    const aliases = (meta as { aliases?: string[] }).aliases ?? [];
    const codes = hadolintCodes(meta);
    return {
      id: meta.id,
      name: ruleName(meta.id),
      shortDescription: { text: meta.description },
      fullDescription: { text: meta.rationale || meta.description },
      helpUri: url,
      help: {
        text: `${meta.description}\n\n${meta.rationale}\n\nDocumentation: ${url}`,
        markdown: `${meta.description}\n\n${meta.rationale}\n\n[Documentation](${url})`,
      },
      defaultConfiguration: {
        level: LEVEL[meta.severity],
        enabled: !strict || context.profile === 'strict',
      },
      ...(codes.length ? { deprecatedIds: codes } : {}),
      ...(codes.length
        ? { relationships: codes.map((code) => ({ target: { id: code, toolComponent: { name: HADOLINT } }, kinds: [codes.length === 1 ? 'equal' : 'superset'] })) }
        : {}),
      properties: {
        tags: ['docker', meta.id.split('/')[0], ...codes],
        precision: 'high',
        ...(aliases.length ? { aliases } : {}),
      },
    };
  });
  const taxa = [...new Set(metas.flatMap((meta) => hadolintCodes(meta)))].sort().map((code) => ({ id: code, helpUri: hadolintUrl(code) }));
  const results = reports.flatMap((file) =>
    file.problems.map((p) => ({
      ruleId: p.ruleId,
      ...(index.has(p.ruleId) ? { ruleIndex: index.get(p.ruleId) } : {}),
      level: LEVEL[p.severity],
      message: { text: p.message },
      ...(p.code ? { properties: { hadolintCode: p.code } } : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: fileUri(file.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
          },
        },
      ],
    })),
  );
  const root = pathToFileURL(context.cwd).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'docker-harden',
            version: context.version,
            semanticVersion: context.version,
            informationUri: 'https://github.com/docker-harden/docker-harden',
            rules,
          },
        },
        ...(taxa.length ? { taxonomies: [{ name: HADOLINT, informationUri: 'https://github.com/hadolint/hadolint', taxa }] } : {}),
        originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

const HADOLINT = 'hadolint';

/** The hadolint (DL3008) and ShellCheck (SC2016) codes among a rule's aliases. */
function hadolintCodes(meta: Pick<RuleMeta, 'id'> & { aliases?: string[] }): string[] {
  return (meta.aliases ?? []).filter((alias) => /^(DL|SC)\d{4}$/.test(alias));
}

/** hadolint documents each code on its wiki; ShellCheck's are on its own. */
function hadolintUrl(code: string): string {
  return code.startsWith('SC') ? `https://www.shellcheck.net/wiki/${code}` : `https://github.com/hadolint/hadolint/wiki/${code}`;
}

/** `compose/depends-on-healthy` → `ComposeDependsOnHealthy` (SARIF's readable rule name). */
function ruleName(id: string): string {
  return id
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function fileUri(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}
