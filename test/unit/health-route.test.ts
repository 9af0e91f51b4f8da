/**
 * The health route search of the healthcheck fixes: what it finds, what it never reads, and its bounds; and the disk
 * workspace's folder listing it uses (sorted, confined to the workspace, symbolic links not followed).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { createProject, memoryWorkspace } from '../../engine/src/index';
import { diskWorkspace } from '../../engine/src/node';
import { HEALTH_ROUTE_LIMITS, healthRoute, probePath } from '../../engine/src/compose/health-route';

const ROOT = path.resolve('/workspace/api');

function routeIn(files: Record<string, string>): string | undefined {
  const workspace = memoryWorkspace(Object.fromEntries(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text])));
  return healthRoute(createProject(workspace), ROOT);
}

describe('healthRoute', () => {
  it('takes the most specific well-known route written in the source', () => {
    assert.equal(routeIn({ 'a.py': '@app.get("/ping")\n', 'b.go': 'mux.HandleFunc("/readyz", ready)\nmux.HandleFunc("/healthz/", health)\n' }), '/healthz');
    assert.equal(routeIn({ 'server.ts': "router.get(`/api/health`, h);\nrouter.get('/status', s);\n" }), '/api/health');
    assert.equal(routeIn({ 'main.py': '@app.get("/api/v1/health")\n@app.get("/api/health")\n' }), '/api/health');
    assert.equal(routeIn({ 'main.py': '@app.get("/api/v2/health/")\n@app.get("/api/v2/ping")\n' }), '/api/v2/health');
  });

  it('takes only route registrations: a health path in a list or a constant is not a route', () => {
    assert.equal(routeIn({ 'otel.js': "instrument({ ignoreIncomingPaths: ['/healthz', '/metrics'] });\n" }), undefined);
    assert.equal(routeIn({ 'config.py': 'HEALTH = "/health"\n' }), undefined);
    assert.equal(routeIn({ 'main.go': 'http.HandleFunc("/healthz", health)\n' }), '/healthz');
    assert.equal(routeIn({ 'main.py': 'if self.path == "/api/v1/health":\n' }), '/api/v1/health');
    assert.equal(routeIn({ 'server.js': "switch (url) { case '/ping': return ok(); }\n" }), '/ping');
    assert.equal(routeIn({ 'Health.java': '@GetMapping(value = "/api/health")\n' }), '/api/health');
  });

  it('takes a route that a framework declares by a file path (Next.js, SvelteKit, Nuxt)', () => {
    const stub = 'export default function handler() {}\n';
    assert.equal(routeIn({ 'pages/index.tsx': stub, 'pages/api/health.ts': stub }), '/api/health');
    assert.equal(routeIn({ 'src/pages/api/healthz/index.js': stub }), '/api/healthz');
    assert.equal(routeIn({ 'app/page.tsx': stub, 'app/api/health/route.ts': 'export async function GET() {}\n' }), '/api/health');
    assert.equal(routeIn({ 'src/app/(monitoring)/healthz/route.js': stub }), '/healthz');
    assert.equal(routeIn({ 'src/routes/+page.svelte': '<h1/>\n', 'src/routes/api/health/+server.ts': stub }), '/api/health');
    assert.equal(routeIn({ 'server/api/health.get.ts': stub }), '/api/health');
    assert.equal(routeIn({ 'server/routes/ping.ts': stub }), '/ping');
    // With a literal too: the most specific name wins, whichever way it was declared.
    assert.equal(routeIn({ 'pages/api/status.ts': stub, 'lib/probe.ts': "app.get('/healthz', ok);\n" }), '/healthz');
    assert.equal(routeIn({ 'pages/api/healthz.ts': stub, 'lib/probe.ts': "export const PATH = '/status';\n" }), '/api/healthz');
  });

  it('takes no route from other file paths', () => {
    const stub = 'export default 1;\n';
    assert.equal(routeIn({ 'pages/api/users/health.ts': stub, 'app/api/health/page.tsx': stub, 'src/health.ts': stub, 'lib/pages/health.ts': stub, 'server/utils/health.ts': stub, 'pages/api/healthy.ts': stub }), undefined);
  });

  it('finds nothing in URLs of other services, in other words, or in files that are not source', () => {
    assert.equal(routeIn({ 'client.js': "fetch('http://db:8080/health');\nconst healthy = '/healthy';\n", 'notes.md': '"/health"\n', 'config.json': '{"probe": "/health"}\n' }), undefined);
  });

  it('reads at most HEALTH_ROUTE_LIMITS.files source files, breadth first in name order', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`f${String(i).padStart(3, '0')}.js`] = 'module.exports = 1;\n';
    assert.equal(routeIn({ ...files, 'f150.js': "app.get('/health');\n" }), '/health');
    assert.equal(routeIn({ ...files, [`f${HEALTH_ROUTE_LIMITS.files + 50}.js`]: "app.get('/health');\n" }), undefined);
  });

  it('stops reading after HEALTH_ROUTE_LIMITS.totalBytes', () => {
    const big = `// ${'x'.repeat(200 * 1024)}\n`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`a${String(i).padStart(2, '0')}.js`] = big;
    assert.equal(routeIn({ ...files, 'z.js': "app.get('/health');\n" }), undefined);
    assert.equal(routeIn({ 'a00.js': big, 'z.js': "app.get('/health');\n" }), '/health');
  });

  it('probePath: the configured path, else the route found, else /', () => {
    const project = createProject(memoryWorkspace({ [path.join(ROOT, 'main.py')]: '@app.get("/health")\n' }));
    assert.equal(probePath(project, ROOT, { healthcheck: { path: '/ok' } }), '/ok');
    assert.equal(probePath(project, ROOT, undefined), '/health');
    assert.equal(probePath(project, undefined, undefined), '/');
    assert.equal(probePath(project, path.resolve('/elsewhere'), {}), '/');
  });
});

describe('diskWorkspace.listDirectory', () => {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-list-')));
  const root = path.join(base, 'project');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'b.js'), '');
  fs.writeFileSync(path.join(root, 'a.js'), '');
  fs.writeFileSync(path.join(outside, 'secret.js'), "app.get('/health');\n");
  fs.symlinkSync(outside, path.join(root, 'linked'));
  fs.symlinkSync(path.join(outside, 'secret.js'), path.join(root, 'link.js'));
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('lists files and folders in name order, without symbolic links', () => {
    assert.deepEqual(diskWorkspace(root).listDirectory!(root), [
      { name: 'a.js', directory: false },
      { name: 'b.js', directory: false },
      { name: 'src', directory: true },
    ]);
  });

  it('lists nothing outside the workspace, spelled or linked', () => {
    const workspace = diskWorkspace(root);
    assert.equal(workspace.listDirectory!(outside), undefined);
    assert.equal(workspace.listDirectory!(path.join(root, '..', 'outside')), undefined);
    assert.equal(workspace.listDirectory!(path.join(root, 'linked')), undefined);
    assert.equal(workspace.listDirectory!(path.join(root, 'missing')), undefined);
    assert.equal(healthRoute(createProject(workspace), root), undefined);
  });
});
