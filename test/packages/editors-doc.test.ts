/**
 * docs/editors.md: every setup starts the bin of the language-server package with `--stdio`, and each snippet is
 * valid in its own language (TOML read by Python's tomllib, JSON, Lua compiled by Neovim's LuaJIT). The Emacs block is
 * run by test/emacs, the Neovim 0.7 setup by test/nvim; Helix, Zed and Sublime Text are not in Debian, so their
 * snippets are checked here as data.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import picomatch from 'picomatch';
import { isComposeFileName } from '../../engine/src/core/file-names';
import { repoRoot } from './pack';

const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'editors.md'), 'utf8');
const BIN = 'docker-harden-language-server';
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'packages', 'language-server', 'package.json'), 'utf8')) as { bin: Record<string, string> };

function blocks(language: string): string[] {
  return [...doc.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1]);
}

function toml(text: string): Record<string, any> {
  const run = spawnSync('python3', ['-c', 'import sys, json, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], { input: text, encoding: 'utf8' });
  assert.equal(run.status, 0, `TOML does not parse: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('docs/editors.md', () => {
  it('names the bin the package installs', () => {
    assert.deepEqual(Object.keys(manifest.bin), [BIN]);
    assert.ok(doc.includes(`npm install -g docker-harden-language-server\n${BIN} --stdio`));
  });

  it('Helix: languages.toml parses, starts the bin with --stdio, and its compose globs match only compose file names', () => {
    const [languages] = blocks('toml');
    const config = toml(languages);
    assert.deepEqual(config['language-server']['docker-harden'], { command: BIN, args: ['--stdio'] });
    const compose = config.language.find((l: { name: string }) => l.name === 'docker-compose');
    const dockerfile = config.language.find((l: { name: string }) => l.name === 'dockerfile');
    assert.ok(compose['language-servers'].includes('docker-harden'));
    assert.ok(dockerfile['language-servers'].includes('docker-harden'));
    const globs = (compose['file-types'] as { glob: string }[]).map((type) => type.glob);
    const names = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml', 'docker-compose.prod.yml', 'compose.override.yaml', 'composer.yaml', 'my-compose.yml', 'docker-compose.yml.bak', 'notes.yaml'];
    for (const name of names) {
      if (globs.some((glob) => picomatch(glob)(name))) assert.ok(isComposeFileName(name), `${name} is matched by a glob but is not a compose file name`);
    }
    for (const name of ['docker-compose.yml', 'compose.yaml', 'docker-compose.prod.yml', 'compose.override.yaml']) {
      assert.ok(globs.some((glob) => picomatch(glob)(name)), `${name} is not matched`);
    }
  });

  it('Zed: extension.toml registers the server for YAML and Dockerfile; settings.json parses', () => {
    const [, extension] = blocks('toml');
    const config = toml(extension);
    assert.deepEqual(config.language_servers['docker-harden'].languages, ['YAML', 'Dockerfile']);
    const [rust] = blocks('rust');
    assert.ok(rust.includes(`.which("${BIN}")`) && rust.includes('vec!["--stdio".into()]'));
    const [settings] = blocks('json');
    const parsed = JSON.parse(settings) as { languages: Record<string, { language_servers: string[] }> };
    assert.ok(parsed.languages.YAML.language_servers.includes('docker-harden'));
    assert.ok(parsed.languages.Dockerfile.language_servers.includes('docker-harden'));
  });

  it('Sublime Text: the LSP client settings parse and start the bin with --stdio for YAML and Dockerfiles', () => {
    const [, sublime] = blocks('json');
    const client = (JSON.parse(sublime) as { clients: Record<string, { command: string[]; selector: string; enabled: boolean }> }).clients['docker-harden'];
    assert.deepEqual(client, { enabled: true, command: [BIN, '--stdio'], selector: 'source.yaml | source.dockerfile' });
  });

  it('Neovim: the Lua snippets compile (LuaJIT of Debian\'s Neovim) and start the bin with --stdio', () => {
    const lua = blocks('lua');
    assert.equal(lua.length, 3);
    for (const snippet of lua.slice(0, 2)) assert.ok(snippet.includes(`cmd = { '${BIN}', '--stdio' }`), snippet);
    for (const snippet of lua) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-lua-')), 'snippet.lua');
      fs.writeFileSync(file, snippet);
      const run = spawnSync(process.env.DOCKER_HARDEN_NVIM ?? 'nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `lua local f, e = loadfile(${JSON.stringify(file)}); if not f then io.stderr:write(e); vim.cmd('cquit 1') end`, '-c', 'qa!'], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(run.status, 0, `${snippet}\n${run.stderr}`);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
