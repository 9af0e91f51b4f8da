/** The `.docker-harden.yaml` loader, shared by the CLI and the language server. */
export * from './load';
export { configSchema, validateConfigData, type SchemaViolation } from './schema';
export { parseHadolintConfig, emptyHadolintConfig, type HadolintConfig, type HadolintConfigProblem } from './hadolint';
