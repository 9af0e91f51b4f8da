import { isScalar, isSeq, type Node, type Scalar, type YAMLSeq } from 'yaml';
import { defineComposeRule } from '../../core/rule';
import type { Edit } from '../../core/text';
import type { Fix } from '../../core/types';
import type { ComposeFile } from '../../compose/model';

/** Paths that name a health endpoint: the author wrote a route made to answer 2xx while the service is healthy. */
const HEALTH_PATH = /^\/(?:[\w.-]+\/)*(?:-\/)?(health|healthz|healthy|healthcheck|health-check|livez|readyz|ready|readiness|liveness|ping|status|alive)\/?$/i;

export default defineComposeRule({
  meta: {
    id: 'compose/healthcheck-curl-fail',
    severity: 'warning',
    description: 'A healthcheck calls `curl` without `-f`/`--fail`: an HTTP error still counts as healthy.',
    rationale:
      'Without `--fail`, curl exits 0 whenever the server answers at all, a `500 Internal Server Error` or a `404` included: the healthcheck only proves that something listens on the port, and `depends_on: condition: service_healthy` starts dependents on a broken service. `curl -f` exits 22 on a status of 400 or more. Not reported when the test reads the status or the body itself (`-w "%{http_code}"`, or curl piped into `grep`). The fix adds `-f` to a test that is one plain curl call; it is safe when the URL is a health endpoint (`/health`, `/healthz`, `/ready`, `/ping`...), made to answer 2xx while the service is up, and unsafe otherwise: a path such as `/` may answer 404 on a healthy service, which then becomes unhealthy.',
    examples: {
      incorrect: ['services:\n  api:\n    image: example/api:1.4\n    healthcheck:\n      test: ["CMD", "curl", "http://localhost:8080/health"]\n'],
      correct: ['services:\n  api:\n    image: example/api:1.4\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n'],
    },
    fixable: 'safe',
  },
  check({ file, report }) {
    const seen = new Set<unknown>();
    for (const service of file.services) {
      const healthcheck = service.get('healthcheck');
      const test = healthcheck && 'get' in healthcheck ? service.resolve((healthcheck as { get(key: string, keep: true): unknown }).get('test', true) as Node) : undefined;
      if (!test?.range || seen.has(test)) continue;
      seen.add(test);
      const found = curlWithoutFail(service.resolve.bind(service), test);
      if (!found) continue;
      const fix = found.plain ? failFix(file, test, found.url) : undefined;
      report({
        node: test,
        message: `The healthcheck of "${service.name}" calls curl without \`-f\`: curl exits 0 on an HTTP error such as 500, so a failing service counts as healthy.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
});

interface Found {
  /** The test is one curl call (no shell operators but a final `|| exit 1`). */
  plain: boolean;
  url: string | undefined;
}

/** A curl call of the test without `-f`/`--fail`, whose status and body nothing else reads. */
function curlWithoutFail(resolve: (node: Node | null | undefined) => Node | null | undefined, test: Node): Found | undefined {
  let script: string;
  let exec = false;
  if (isScalar(test) && typeof test.value === 'string') script = test.value;
  else if (isSeq(test)) {
    const items = (test.items as Node[]).map((item) => resolve(item));
    const values = items.map((item) => (isScalar(item) ? String(item.value) : ''));
    if (values[0] === 'CMD') {
      exec = true;
      script = values.slice(1).map((value) => (/[\s|;&]/.test(value) ? `'${value}'` : value)).join(' ');
    } else if (values[0] === 'CMD-SHELL' && values.length === 2) script = values[1];
    else return undefined;
  } else return undefined;
  const commands = script.split(/\|\||&&|;|\|(?!\|)/);
  const pipes = [...script.matchAll(/\|\||&&|;|\|/g)].map((match) => match[0]);
  const index = commands.findIndex((command) => /^\s*(?:\S*\/)?curl(\s|$)/.test(command));
  if (index < 0 || commands.slice(index + 1).some((command) => /^\s*(?:\S*\/)?curl(\s|$)/.test(command))) return undefined;
  const words = commands[index].trim().split(/\s+/).slice(1).map((word) => word.replace(/^["']|["']$/g, ''));
  const fails = words.some((word) => word === '--fail' || word === '--fail-with-body' || /^-[A-Za-z]*f[A-Za-z]*$/.test(word));
  const readsStatus = words.some((word) => word === '-w' || word.startsWith('--write-out') || /^-[A-Za-z]*w$/.test(word));
  if (fails || readsStatus || pipes[index] === '|') return undefined;
  const rest = pipes.slice(index).join(' ');
  const exitOnly = commands.slice(index + 1).every((command) => /^\s*exit\s+1\s*$/.test(command));
  const plain = index === 0 && (exec || rest === '' || (rest === '||' && exitOnly));
  const url = words.find((word) => /^https?:\/\//.test(word));
  return { plain, url };
}

/** `-f` right after the curl word: a new list item in exec form, or ` -f` in the shell string. */
function failFix(file: ComposeFile, test: Node, url: string | undefined): Fix | undefined {
  let edit: Edit | undefined;
  if (isSeq(test)) {
    const seq = test as YAMLSeq<Node>;
    const curl = seq.items.find((item) => isScalar(item) && /(^|\/)curl$/.test(String(item.value))) as Scalar | undefined;
    if (curl?.range) {
      if (seq.flow) edit = { start: curl.range[1], end: curl.range[1], text: `, ${quoteLike(curl, '-f')}` };
      else {
        const lineStart = file.text.lastIndexOf('\n', curl.range[0] - 1) + 1;
        const prefix = file.text.slice(lineStart, curl.range[0]);
        if (/^\s*-\s+$/.test(prefix)) edit = { start: curl.range[1], end: curl.range[1], text: `${file.eol}${prefix}${quoteLike(curl, '-f')}` };
      }
    }
  }
  const scalar = isSeq(test) ? ((test as YAMLSeq<Node>).items[1] as Node) : test;
  if (!edit && isScalar(scalar) && scalar.range && scalar.type !== 'BLOCK_FOLDED' && scalar.type !== 'BLOCK_LITERAL') {
    const source = file.text.slice(scalar.range[0], scalar.range[1]);
    const matches = [...source.matchAll(/(?<=^|[\s"'/])curl(?=\s)/g)];
    if (matches.length === 1) {
      const at = scalar.range[0] + matches[0].index + 'curl'.length;
      edit = { start: at, end: at, text: ' -f' };
    }
  }
  if (!edit) return undefined;
  const path = url ? urlPath(url) : undefined;
  const healthRoute = path !== undefined && HEALTH_PATH.test(path);
  return {
    title: healthRoute ? 'Add -f to curl' : `Add -f to curl (verify: \`${path ?? 'the URL'}\` answers with a status below 400)`,
    safe: healthRoute,
    edits: [edit],
    preferred: true,
  };
}

function urlPath(url: string): string | undefined {
  try {
    return new URL(url.replace(/\$\{[^}]*\}|\$\$?\w+/g, 'x')).pathname;
  } catch {
    return undefined;
  }
}

/** A new flow or block item written like its neighbour (`"curl"` → `"-f"`). */
function quoteLike(neighbour: Scalar, value: string): string {
  if (neighbour.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (neighbour.type === 'QUOTE_SINGLE') return `'${value}'`;
  return value;
}
