/**
 * The extension manifest (package.json `contributes`) against the client's source: every command the client
 * registers is contributed under the "Docker Harden" category and every contributed command is registered;
 * menus name contributed commands; settings are resource-scoped with the documented values; snippet and schema
 * files exist and parse; the .vsix holds only the files it needs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Commands, FIX_ALL_KIND } from '../server/src/protocol';
import { DEFAULT_MAX_FILE_SIZE_MB, MAX_FILE_SIZE_MB, normalizeSettings } from '../server/src/settings';
import { isComposeFileName } from '../engine/src/core/file-names';

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const clientSource = fs
  .readdirSync(path.join(root, 'client/src'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => fs.readFileSync(path.join(root, 'client/src', name), 'utf8'))
  .join('\n');

/** Command ids the client registers: `registerCommand(Commands.<key>, ...)`. */
function registeredCommands(): string[] {
  const ids: string[] = [];
  for (const match of clientSource.matchAll(/registerCommand\(\s*Commands\.(\w+)/g)) {
    const id = (Commands as Record<string, string>)[match[1]];
    assert.ok(id, `Commands.${match[1]} exists in protocol.ts`);
    ids.push(id);
  }
  assert.ok(!/registerCommand\(\s*['"`]/.test(clientSource), 'commands are registered through the Commands ids of protocol.ts');
  return ids.sort();
}

describe('package.json manifest', () => {
  it('contributes exactly the commands the client registers, each under the "Docker Harden" category', () => {
    const contributed = contributes.commands.map((command: { command: string }) => command.command).sort();
    assert.deepEqual(contributed, registeredCommands());
    assert.deepEqual(contributed, [
      'dockerHarden.convertSecrets',
      'dockerHarden.createDockerignore',
      'dockerHarden.fixAll',
      'dockerHarden.generateProductionOverride',
      'dockerHarden.hardenAllServices',
      'dockerHarden.hardenService',
      'dockerHarden.restartServer',
      'dockerHarden.showDocumentation',
      'dockerHarden.showOutput',
    ]);
    for (const command of contributes.commands) {
      assert.equal(command.category, 'Docker Harden', command.command);
      assert.ok(command.title.length > 3, command.command);
    }
  });

  it('registers the command the server puts on its "Harden service" code lens', () => {
    assert.ok(registeredCommands().includes(Commands.hardenService));
  });

  it('names only contributed commands in its menus, with a when clause', () => {
    const contributed = new Set(contributes.commands.map((command: { command: string }) => command.command));
    const entries = Object.entries(contributes.menus as Record<string, { command: string; when?: string }[]>);
    assert.deepEqual(entries.map(([menu]) => menu).sort(), ['commandPalette', 'editor/context', 'explorer/context']);
    for (const [menu, items] of entries) {
      for (const item of items) {
        assert.ok(contributed.has(item.command), `${menu}: ${item.command} is contributed`);
        assert.ok(item.when && item.when.length > 0, `${menu}: ${item.command} has a when clause`);
      }
    }
  });

  it('matches the compose file names of engine/src/core/file-names.ts (COMPOSE_FILE_NAME) in its when clauses and nothing else', () => {
    const when: string = contributes.menus['explorer/context'][0].when;
    const source = /resourceFilename =~ \/(.+)\/i$/.exec(when)?.[1];
    assert.ok(source, when);
    const pattern = new RegExp(source, 'i');
    const compose = [
      'compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'docker-compose.prod.yml', 'compose.override.yaml',
      'docker-compose-dev.yml', 'docker-compose-test.yml', 'compose-prod.yaml', 'api.compose.yaml', 'docker-stack.yml', 'docker-stack-prod.yaml',
      'stack.yml', 'docker-swarm.yml',
    ];
    const other = ['values.yaml', 'my-compose.yml', 'compose.json', 'docker-compose.yml.bak', 'composer.yaml', 'composed.yml', 'stacks.yml', 'stackoverflow.yml'];
    for (const name of compose) assert.ok(pattern.test(name), name);
    for (const name of other) assert.ok(!pattern.test(name), name);
    for (const name of [...compose, ...other]) assert.equal(pattern.test(name), isComposeFileName(name), `${name}: the when clause and isComposeFileName disagree`);
  });

  it('contributes resource-scoped settings with the documented values', () => {
    const properties = contributes.configuration.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(properties).sort(), ['dockerHarden.enable', 'dockerHarden.inlayHints.enabled', 'dockerHarden.maxFileSizeMB', 'dockerHarden.profile', 'dockerHarden.rules', 'dockerHarden.trace.server']);
    for (const [key, property] of Object.entries(properties)) {
      assert.equal(property.scope, 'resource', key);
      assert.ok('default' in property, `${key} has a default`);
      assert.ok(property.description || property.markdownDescription, `${key} has a description`);
    }
    assert.equal(properties['dockerHarden.enable'].default, true);
    assert.deepEqual(properties['dockerHarden.profile'].enum, ['recommended', 'strict']);
    assert.equal(properties['dockerHarden.profile'].default, 'recommended');
    assert.deepEqual((properties['dockerHarden.rules'].additionalProperties as { enum: string[] }).enum, ['off', 'info', 'warning', 'error']);
    assert.deepEqual(properties['dockerHarden.trace.server'].enum, ['off', 'messages', 'verbose']);
    // Off by default (issue 19): the server reads it through normalizeSettings.
    assert.equal(properties['dockerHarden.inlayHints.enabled'].default, false);
    assert.equal(normalizeSettings({ inlayHints: { enabled: true } }).inlayHints, true);
    assert.equal(normalizeSettings({}).inlayHints, false);
    // The server's default and ceiling, declared once there (the ceiling is the engine's MAX_LINT_BYTES).
    assert.equal(properties['dockerHarden.maxFileSizeMB'].default, DEFAULT_MAX_FILE_SIZE_MB);
    assert.equal(properties['dockerHarden.maxFileSizeMB'].maximum, MAX_FILE_SIZE_MB);
    assert.ok(String(properties['dockerHarden.rules'].markdownDescription).includes(`"${FIX_ALL_KIND}"`), 'the setting names the fix-all kind the server offers');
  });

  it('contributes every setting the client reads', () => {
    const properties = new Set(Object.keys(contributes.configuration.properties));
    const read = [...clientSource.matchAll(/getConfiguration\('dockerHarden'(?:, \w+)?\)\.get<\w+>\('([\w.]+)'/g)].map((m) => `dockerHarden.${m[1]}`);
    assert.deepEqual([...new Set(read)].sort(), ['dockerHarden.enable', 'dockerHarden.trace.server']);
    for (const key of read) assert.ok(properties.has(key), key);
  });

  it('activates on compose files and Dockerfiles, for VS Code ^1.91.0', () => {
    assert.equal(manifest.engines.vscode, '^1.91.0');
    assert.equal(manifest.main, './dist/client.js');
    // One package, two entries (issue 22): a web worker extension host (vscode.dev, github.dev) runs the browser one,
    // in virtual workspaces too; it never runs anything from the workspace, so untrusted workspaces get it whole.
    assert.equal(manifest.browser, './dist/web/extension.js');
    // The web worker build lints virtual workspaces; the Node build lints file: and untitled: documents only.
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.virtualWorkspaces.description, /vscode\.dev and github\.dev/);
    // Nothing of the workspace is ever run (the product reads files; it never executes them).
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    for (const event of ['onLanguage:dockercompose', 'onLanguage:dockerfile']) assert.ok(manifest.activationEvents.includes(event), event);
    assert.ok(manifest.activationEvents.some((event: string) => event.startsWith('workspaceContains:') && event.includes('compose')));
    assert.ok(manifest.activationEvents.some((event: string) => event.startsWith('workspaceContains:') && event.includes('Dockerfile')));
    assert.equal(manifest.repository.url, 'https://github.com/docker-harden/docker-harden');
    assert.equal(manifest.license, 'MIT');
    assert.match(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'), /^MIT License/);
  });

  it('contributes snippet files that exist and parse, for compose (and plain YAML) and Dockerfiles', () => {
    const byLanguage = Object.fromEntries(contributes.snippets.map((s: { language: string; path: string }) => [s.language, s.path]));
    assert.deepEqual(byLanguage, { dockercompose: './snippets/compose.json', yaml: './snippets/compose.json', dockerfile: './snippets/dockerfile.json' });
    for (const file of new Set(Object.values(byLanguage) as string[])) {
      const snippets = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
      assert.ok(Object.keys(snippets).length >= 8, `${file} has its snippets`);
    }
  });

  it('validates .docker-harden.yaml with the bundled JSON schema', () => {
    assert.deepEqual(contributes.yamlValidation, [
      { fileMatch: ['.docker-harden.yaml', '.docker-harden.yml'], url: './schemas/docker-harden.schema.json' },
    ]);
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/docker-harden.schema.json'), 'utf8'));
    assert.equal(schema.type, 'object');
  });

  it('packages only the bundles (Node and web worker), snippets, schema, the rule pages, README, LICENSE and package.json (vsce ls, after the build)', () => {
    const bundles = ['dist/client.js', 'dist/server.js', 'dist/web/extension.js', 'dist/web/server.js'];
    for (const bundle of bundles) assert.ok(fs.existsSync(path.join(root, bundle)), `${bundle} is built`);
    const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
    const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(listed.stdout.trim().split('\n').sort(), [
      'LICENSE',
      'README.md',
      ...bundles,
      'package.json',
      'schemas/docker-harden.schema.json',
      'snippets/compose.json',
      'snippets/dockerfile.json',
      // "Show documentation" opens the bundled page offline (issue 19).
      ...rulePages(),
    ].sort());
    assert.match(manifest.scripts.package, /scripts\/build\.mjs --production && vsce package --no-dependencies/);
  });
});

/** docs/rules/**\/*.md, relative to the repository. */
function rulePages(folder = 'docs/rules'): string[] {
  return fs.readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return rulePages(relative);
    return entry.name.endsWith('.md') ? [relative] : [];
  });
}
