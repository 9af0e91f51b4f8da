/**
 * The compose language features' pure functions (server/src/compose/), as data: a file with `|` at the cursor and the
 * exact answer. The LSP tests (test/lsp/compose-language.test.ts) run the same features through the server.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCompose, type ComposeFile } from '../../engine/src/compose/model';
import { composeCompletions } from '../../server/src/compose/completion';
import { cursorContext, hoverTarget, sectionNames } from '../../server/src/compose/context';
import { composeGroup } from '../../server/src/compose/group';
import { composeHover } from '../../server/src/compose/hover';
import { patternExamples, tagsFor } from '../../server/src/compose/images';
import { composeInlayHints } from '../../server/src/compose/inlayHints';
import { composeLinks, registryPage } from '../../server/src/compose/links';
import { definitions, describeName, highlights, references, rename } from '../../server/src/compose/navigation';
import { definedNames, type NameKind } from '../../server/src/compose/references';
import { composeSymbols } from '../../server/src/compose/symbols';
import { source } from '../lib/yaml-tag';

const TODAY = '2026-12-02';
const ROOT = '/project';

/** The text without its `|` and the offset of the `|`. */
function cursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf('|');
  assert.ok(offset >= 0, 'the case marks the cursor with |');
  return { text: text.slice(0, offset) + text.slice(offset + 1), offset };
}

function complete(marked: string, others: Record<string, string> = {}): string[] {
  const { text, offset } = cursor(marked);
  const context = cursorContext(text, offset);
  if (!context) return [];
  const files = [parseCompose(path.join(ROOT, 'compose.yaml'), text), ...Object.entries(others).map(([name, other]) => parseCompose(path.join(ROOT, name), other))];
  const names = (kind: NameKind) => [...new Set(files.flatMap((file) => definedNames(file, kind)))];
  return composeCompletions(context, names, { snippets: true, indentUnit: 2, today: TODAY }).map((item) => item.replace.newText);
}

describe('compose completion', () => {
  const cases: { name: string; file: string; others?: Record<string, string>; expected: string[] | ((items: string[]) => void) }[] = [
    {
      name: 'restart values after a service key',
      file: source`
        services:
          web:
            restart: |
      `,
      expected: ['"no"', 'always', 'on-failure', 'unless-stopped'],
    },
    {
      name: 'depends_on condition values (schema enum) in the long form',
      file: source`
        services:
          web:
            depends_on:
              db:
                condition: |
          db:
            image: postgres
      `,
      expected: ['service_started', 'service_healthy', 'service_completed_successfully'],
    },
    {
      name: 'service names in a depends_on list, not the service itself, with those of another project file',
      file: source`
        services:
          web:
            depends_on:
              - |
          db:
            image: postgres
      `,
      others: { 'compose.override.yaml': 'services:\n  cache:\n    image: redis\n' },
      expected: ['db', 'cache'],
    },
    {
      name: 'service names as keys of the long depends_on form',
      file: source`
        services:
          web:
            depends_on:
              |
          db:
            image: postgres
      `,
      expected: ['db:'],
    },
    {
      name: 'service names in a flow list',
      file: 'services:\n  web:\n    depends_on: [|]\n  db: {}\n',
      expected: ['db'],
    },
    {
      name: 'network_mode values with service:<name>',
      file: source`
        services:
          web:
            network_mode: |
          vpn:
            image: x
      `,
      expected: ['bridge', 'host', 'none', 'container:', 'service:vpn'],
    },
    {
      name: 'networks, secrets and named volumes where a service references them',
      file: source`
        services:
          web:
            networks:
              - |
        networks:
          front: {}
          back: {}
      `,
      expected: ['front', 'back'],
    },
    {
      name: 'secret names in the long form source',
      file: source`
        services:
          web:
            secrets:
              - source: |
        secrets:
          api_key:
            file: ./k.txt
      `,
      expected: ['api_key'],
    },
    {
      name: 'named volumes in a short volume spec',
      file: source`
        services:
          web:
            volumes:
              - |
        volumes:
          data: {}
      `,
      expected: ['data:'],
    },
    {
      name: 'healthcheck keys, none already present',
      file: source`
        services:
          web:
            healthcheck:
              test: ["CMD", "true"]
              |
      `,
      expected: ['disable: $0', 'interval: $0', 'retries: $0', 'timeout: $0', 'start_period: $0', 'start_interval: $0'],
    },
    {
      name: 'top-level keys',
      file: 'services: {}\n|\n',
      expected: ['version: $0', 'name: $0', 'include:\n  $0', 'models:\n  $0', 'networks:\n  $0', 'volumes:\n  $0', 'secrets:\n  $0', 'configs:\n  $0'],
    },
    {
      name: 'a service key while half typed (the file does not parse), with the blocks for healthcheck, deploy and logging',
      file: source`
        services:
          web:
            image: nginx
            heal|
            ports:
              - "80:80"
      `,
      expected: (items) => {
        assert.ok(!items.some((item) => item.startsWith('image:')), 'image is there already');
        assert.ok(!items.some((item) => item.startsWith('ports:')), 'ports is there already (below the cursor)');
        assert.ok(items.includes('restart: $0'));
        assert.ok(items.includes('environment:\n  $0'), 'a map or list key opens a block');
        assert.ok(items.includes('healthcheck:\n  test: ["CMD-SHELL", "${1:curl -fsS http://localhost:${2:8080}/health || exit 1}"]\n  interval: ${3:30s}\n  timeout: ${4:5s}\n  retries: ${5:3}\n  start_period: ${6:20s}'));
        assert.ok(items.includes('deploy:\n  resources:\n    limits:\n      cpus: "${1:0.50}"\n      memory: ${2:512M}'));
        assert.ok(items.includes('logging:\n  driver: json-file\n  options:\n    max-size: "${1:10m}"\n    max-file: "${2:3}"'));
      },
    },
    {
      name: 'keys of a mapping item of a list (long volume syntax)',
      file: source`
        services:
          web:
            volumes:
              - type: volume
                |
      `,
      expected: (items) => assert.deepEqual(items.slice(0, 3), ['source: $0', 'target: $0', 'read_only: $0']),
    },
    {
      name: 'images of the knowledge base after image:',
      file: 'services:\n  db:\n    image: |\n',
      expected: (items) => {
        assert.ok(items.includes('postgres:'));
        assert.ok(items.includes('prom/prometheus:'));
        assert.ok(!items.some((item) => item.includes('*')), 'no pattern names');
      },
    },
    {
      name: 'tags of a knowledge-base image, each one it resolves to a variant',
      file: 'services:\n  db:\n    image: postgres:|\n',
      expected: ['postgres:18', 'postgres:18-bookworm', 'postgres:bookworm', 'postgres:18-trixie', 'postgres:trixie', 'postgres:18-alpine', 'postgres:alpine'],
    },
    { name: 'nothing in a comment', file: 'services:\n  web: # a |\n', expected: [] },
    { name: 'nothing inside a block scalar', file: 'services:\n  web:\n    command: |\n      echo |\n', expected: [] },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const items = complete(testCase.file, testCase.others);
      if (typeof testCase.expected === 'function') testCase.expected(items);
      else assert.deepEqual(items, testCase.expected);
    });
  }
});

describe('reading a compose file by its lines (no parse)', () => {
  it('lists the names a section defines, at its first indentation, quoted or not, merge keys aside', () => {
    const text = source`
      services:
        # a comment
        web:
          image: nginx
          networks:
            front: {}
        "db":
          <<: *base
      networks: &nets
        front:
        back: {}
      x-other:
        nope: {}
    `;
    assert.deepEqual(sectionNames(text, 'services'), ['web', 'db']);
    assert.deepEqual(sectionNames(text, 'networks'), ['front', 'back']);
    assert.deepEqual(sectionNames(text, 'volumes'), []);
    assert.deepEqual(sectionNames('services:\n  web:\n    rest\n  db: {}\n', 'services'), ['web', 'db'], 'a half-typed line does not hide the others');
  });

  it('finds the key or value under the cursor with its path', () => {
    const cases: [string, ReturnType<typeof hoverTarget>][] = [
      ['services:\n  web:\n    rest|art: always\n', { path: ['services', 'web', 'restart'], on: 'key', start: 21, end: 28 }],
      ['services:\n  web:\n    restart: alw|ays # why\n', { path: ['services', 'web', 'restart'], on: 'value', start: 30, end: 36, value: 'always' }],
      ['services:\n  web:\n    image: "redis:|7"\n', { path: ['services', 'web', 'image'], on: 'value', start: 28, end: 37, value: 'redis:7' }],
      ['services:\n  web:\n    ports:\n      - tar|get: 80\n', { path: ['services', 'web', 'ports', '[]', 'target'], on: 'key', start: 36, end: 42 }],
      ['services:\n  web:\n    environment:\n      - A|=1\n', undefined],
      ['services:\n  web:\n    command: |\n      echo a|: b\n', undefined],
    ];
    for (const [marked, expected] of cases) {
      const { text, offset } = cursor(marked);
      assert.deepEqual(hoverTarget(text, offset), expected, marked);
    }
  });
});

describe('compose completion for a client without snippets', () => {
  it('inserts plain text: the key and its separator, no tab stops and no blocks', () => {
    const { text, offset } = cursor('services:\n  web:\n    image: nginx\n    |\n');
    const context = cursorContext(text, offset)!;
    const items = composeCompletions(context, () => [], { snippets: false, indentUnit: 2, today: TODAY });
    const byLabel = new Map(items.map((item) => [item.label, item]));
    assert.equal(byLabel.get('restart')?.replace.newText, 'restart: ');
    assert.equal(byLabel.get('environment')?.replace.newText, 'environment:');
    assert.equal(byLabel.get('healthcheck')?.replace.newText, 'healthcheck:');
    assert.ok(items.every((item) => item.insertTextFormat === 1 && !item.replace.newText.includes('$')));
  });
});

describe('knowledge-base tags', () => {
  it('reads the literal tags a variant pattern accepts', () => {
    assert.deepEqual(patternExamples('^(|bookworm|trixie)$'), ['', 'bookworm', 'trixie']);
    assert.deepEqual(patternExamples('^alpine(\\d+\\.\\d+)?$'), ['alpine']);
    assert.deepEqual(patternExamples('^((bookworm|trixie)-)?slim$'), ['slim']);
    assert.deepEqual(patternExamples('^[\\w-]+:nonroot$'), []);
  });
  it('offers supported runtime versions only (python 3.10 ended 2026-10-31), and no past-EOL distribution', () => {
    const tags = tagsFor('python', TODAY).map((entry) => entry.tag);
    assert.deepEqual(tags.filter((tag) => /^\d+\.\d+$/.test(tag)), ['3.14', '3.13', '3.12', '3.11']);
    assert.ok(!tags.some((tag) => tag.includes('bullseye') || tag.includes('buster')), 'bullseye ended 2026-08-31');
    assert.ok(tags.includes('3.13-slim') && tags.includes('3.12-alpine'));
  });
});

function project(files: Record<string, string>): { group: (name: string) => ComposeFile[]; text: (name: string) => string } {
  const absolute = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const access = {
    read: (file: string) => absolute.get(file),
    list: (folder: string) => [...absolute.keys()].filter((file) => path.dirname(file) === folder).map((file) => path.basename(file)),
  };
  return { group: (name) => composeGroup(path.join(ROOT, name), files[name], access), text: (name) => files[name] };
}

const PROJECT = {
  'compose.yaml': source`
    include:
      - ./common.yaml
    services:
      web:
        image: nginx:1.27
        extends:
          file: ./base.yaml
          service: base
        depends_on:
          db:
            condition: service_healthy
        networks: [front]
        volumes:
          - data:/var/lib/data
      worker:
        links:
          - "db:database"
        network_mode: service:web
    volumes:
      data: {}
    networks:
      front: {}
  `,
  'common.yaml': 'services:\n  db:\n    image: postgres:16-alpine\n',
  'base.yaml': 'services:\n  base:\n    restart: always\n    environment:\n      A: "1"\n',
  'compose.override.yaml': 'services:\n  web:\n    image: nginx:1.28\n    depends_on:\n      - db\n',
  'other/compose.yaml': 'services:\n  db:\n    image: mysql\n',
};

describe('compose navigation across include, extends and override files', () => {
  const { group, text } = project(PROJECT);
  const files = group('compose.yaml');
  const main = text('compose.yaml');
  const show = (found: { path: string; start: number; end: number }[]) =>
    found.map((location) => `${path.relative(ROOT, location.path)}:${files.find((file) => file.path === location.path)!.text.slice(0, location.start).split('\n').length}:${files.find((file) => file.path === location.path)!.text.slice(location.start, location.end)}`);

  it('joins the files of the project and nothing else', () => {
    assert.deepEqual(files.map((file) => path.relative(ROOT, file.path)), ['compose.yaml', 'compose.override.yaml', 'common.yaml', 'base.yaml']);
  });
  it('finds the definition of a service named in depends_on in the included file', () => {
    assert.deepEqual(show(definitions(files, main.indexOf('db:') + 1)), ['common.yaml:2:db']);
  });
  it('finds every reference of a service: long depends_on, links with an alias, the override file, the definition', () => {
    assert.deepEqual(show(references(files, main.indexOf('db:') + 1, true)), ['compose.yaml:10:db', 'compose.yaml:17:db', 'compose.override.yaml:5:db', 'common.yaml:2:db']);
    assert.deepEqual(show(references(files, main.indexOf('db:') + 1, false)), ['compose.yaml:10:db', 'compose.yaml:17:db', 'compose.override.yaml:5:db']);
  });
  it('finds a service named in network_mode: service:web, and the override file that redefines it', () => {
    assert.deepEqual(show(references(files, main.indexOf('service:web') + 9, true)), ['compose.yaml:4:web', 'compose.yaml:18:web', 'compose.override.yaml:2:web']);
  });
  it('finds extends.service in the extended file', () => {
    assert.deepEqual(show(definitions(files, main.indexOf('service: base') + 10)), ['base.yaml:2:base']);
  });
  it('describes a name under the cursor: where it is defined and what it is', () => {
    assert.equal(describeName(files, main.indexOf('db:') + 1), '**service `db`**, defined in common.yaml line 2: image `postgres:16-alpine`');
    assert.equal(describeName(files, main.indexOf('[front]') + 2), '**network `front`**, defined in compose.yaml line 22');
    assert.equal(describeName(files, main.indexOf('  db:') + 3), '**service `db`**, defined in common.yaml line 2: image `postgres:16-alpine`');
    assert.equal(describeName(files, main.indexOf('nginx')), undefined, 'not a name');
    assert.equal(describeName(files, main.indexOf('\n  web:') + 3), undefined, 'a definition itself');
  });
  it('highlights a network and a named volume in the file', () => {
    const front = main.indexOf('[front]') + 2;
    assert.deepEqual(highlights(files, front).map((highlight) => [main.slice(highlight.start, highlight.end), highlight.definition]), [['front', false], ['front', true]]);
    const data = main.indexOf('data:/var') + 1;
    assert.deepEqual(highlights(files, data).map((highlight) => [main.slice(highlight.start, highlight.end), highlight.definition]), [['data', false], ['data', true]]);
  });
  it('renames a service in every file, only the name in "db:database"', () => {
    const result = rename(files, main.indexOf('db:') + 1, 'database2');
    assert.ok(!('error' in result));
    const applied = [...result.edits].map(([file, edits]) => {
      let content = files.find((candidate) => candidate.path === file)!.text;
      for (const edit of [...edits].sort((a, b) => b.start - a.start)) content = content.slice(0, edit.start) + edit.newText + content.slice(edit.end);
      return [path.relative(ROOT, file), content];
    });
    assert.deepEqual(Object.fromEntries(applied), {
      'compose.yaml': main.replace('    depends_on:\n      db:', '    depends_on:\n      database2:').replace('"db:database"', '"database2:database"'),
      'compose.override.yaml': PROJECT['compose.override.yaml'].replace('- db', '- database2'),
      'common.yaml': PROJECT['common.yaml'].replace('  db:', '  database2:'),
    });
  });
  it('refuses an invalid name, a name taken, and a position that is no name', () => {
    assert.deepEqual(rename(files, main.indexOf('db:') + 1, 'no spaces'), { error: "'no spaces' is not a valid service name: letters, digits, '.', '_' and '-' only." });
    assert.deepEqual(rename(files, main.indexOf('db:') + 1, 'worker'), { error: `A service named 'worker' exists already in ${path.join(ROOT, 'compose.yaml')}.` });
    assert.deepEqual(rename(files, main.indexOf('nginx'), 'x'), { error: 'Only a service, network, volume, secret or config name can be renamed here.' });
  });
});

describe('compose outline, links, inlay hints and hover', () => {
  const { group, text } = project(PROJECT);
  const files = group('compose.yaml');
  const main = text('compose.yaml');

  it('outlines sections, named entries and their keys', () => {
    const outline = (symbols: ReturnType<typeof composeSymbols>): unknown[] => symbols.map((symbol) => (symbol.children?.length ? [symbol.name, outline(symbol.children)] : symbol.name));
    assert.deepEqual(outline(composeSymbols(main)), [
      'include',
      ['services', [['web', ['image', ['extends', ['file', 'service']], ['depends_on', ['db']], 'networks', 'volumes']], ['worker', ['links', 'network_mode']]]],
      ['volumes', ['data']],
      ['networks', ['front']],
    ]);
  });
  it('outlines from the lines: no keys from block scalars, multi-line quoted values or list items; a half-typed line keeps the rest', () => {
    const text = source`
      services:
        web:
          command: |
            not: a key
          entrypoint: "sh -c 'echo
            also: not a key'"
          volumes:
            - type: bind
              source: ./src
          deploy:
            resources:
              limits:
                memory: 1G
          rest
          healthcheck:
            test: ["CMD", "true"]
      x-common: &common
        restart: always
        logging:
          driver: json-file
    `;
    const outline = (symbols: ReturnType<typeof composeSymbols>): unknown[] =>
      symbols.map((symbol) => [symbol.name, symbol.kind, symbol.range.start.line, symbol.range.end.line, ...(symbol.children?.length ? [outline(symbol.children)] : [])]);
    // Kinds: 3 namespace, 5 class, 7 property, 18 array, 19 object.
    assert.deepEqual(outline(composeSymbols(text)), [
      ['services', 3, 0, 15, [['web', 5, 1, 15, [
        ['command', 7, 2, 3],
        ['entrypoint', 7, 4, 5],
        ['volumes', 18, 6, 8],
        ['deploy', 19, 9, 12, [['resources', 19, 10, 12]]],
        ['healthcheck', 19, 14, 15, [['test', 18, 15, 15]]],
      ]]]],
      ['x-common', 7, 16, 19, [['restart', 7, 17, 17], ['logging', 19, 18, 19]]],
    ]);
  });
  it('links the files a compose file names that exist, and images to their registry page', () => {
    const exists = (file: string) => [path.join(ROOT, 'common.yaml'), path.join(ROOT, 'base.yaml')].includes(file);
    assert.deepEqual(composeLinks(files[0], exists).map((link) => [main.slice(link.start, link.end), link.target]), [
      ['./common.yaml', path.join(ROOT, 'common.yaml')],
      ['nginx:1.27', 'https://hub.docker.com/_/nginx'],
      ['./base.yaml', path.join(ROOT, 'base.yaml')],
    ]);
    assert.equal(registryPage('bitnami/redis:7'), 'https://hub.docker.com/r/bitnami/redis');
    assert.equal(registryPage('docker.io/library/redis'), 'https://hub.docker.com/_/redis');
    assert.equal(registryPage('quay.io/keycloak/keycloak:26.0'), 'https://quay.io/repository/keycloak/keycloak');
    assert.equal(registryPage('ghcr.io/org/app:1'), undefined);
    assert.equal(registryPage('${REGISTRY}/app'), undefined);
  });
  it('hints what a service inherits through extends and what the override file replaces', () => {
    const hints = composeInlayHints(files[0], files).map((hint) => [main.slice(0, hint.offset).split('\n').length, hint.label]);
    assert.deepEqual(hints, [
      [5, '→ nginx:1.28 (compose.override.yaml)'],
      [8, 'inherits restart: always, environment'],
    ]);
    const override = group('compose.override.yaml');
    assert.deepEqual(composeInlayHints(override[0], override).map((hint) => hint.label), ['replaces nginx:1.27 (compose.yaml)']);
  });
  it('describes a key from the schema with its values and reference link', () => {
    const hover = composeHover(main, main.indexOf('condition'), [], TODAY);
    assert.equal(
      hover?.markdown,
      "**condition** (string)\n\nCondition to wait for. 'service_started' waits until the service has started, 'service_healthy' waits until the service is healthy (as defined by its healthcheck), 'service_completed_successfully' waits until the service has completed successfully.\n\nValues: `service_started`, `service_healthy`, `service_completed_successfully`\n\n[Compose reference](https://docs.docker.com/reference/compose-file/services/#depends_on)",
    );
  });
  it('tells what the knowledge base knows of an image, and a problem\'s rationale', () => {
    const hover = composeHover(main, main.indexOf('nginx'), [{ ruleId: 'compose/image-tag', severity: 'warning', message: 'Pin it.', rationale: 'Tags move.' }], TODAY);
    const [problem, image] = hover!.markdown.split('\n\n---\n\n');
    assert.equal(problem, '**compose/image-tag** (warning): Pin it.\n\nTags move.\n\n[Show documentation](command:dockerHarden.showDocumentation?%5B%22compose%2Fimage-tag%22%5D) · [online](https://github.com/docker-harden/docker-harden/blob/main/docs/rules/compose/image-tag.md)');
    assert.match(image, /^\*\*nginx:1\.27\*\* \(Docker Harden knowledge base\)\n\n- variant: nginx\/debian \(debian\)\n- user: root\n- tools: bash, sh, curl\n- listens on: 80\n/);
  });
});
