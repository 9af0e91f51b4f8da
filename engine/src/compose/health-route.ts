/**
 * The health route of an application built from source: the first of a list of well-known paths (`/healthz`,
 * `/health`, `/api/health`, `/api/v1/health`, ...) written as a string literal in the build context's source, so the
 * HTTP probe a fix adds asks the route the application answers, not `/` (which many APIs answer with 404, and
 * `curl -f` then marks a healthy container unhealthy). Files are read, never run; the walk is bounded in entries,
 * files and bytes.
 */
import * as path from '../core/paths';
import type { Project } from '../core/project';
import type { HardenDefaults } from '../core/types';

/** Route names, most specific first: when an application has several, the probe asks the first. */
const NAMES = ['healthz', 'health', 'healthcheck', 'readyz', 'livez', 'ready', 'ping', 'status'];
/**
 * A route registration or a request-path comparison of a quoted route name, maybe under /api or /api/vN:
 * `app.get('/health'`, `@GetMapping(value = "/healthz")`, `if self.path == "/api/v1/health"`, `case "/ping":`. A bare
 * literal (a constant, an ignore list of an observability config) is no evidence that the app serves the path.
 */
const LITERAL = new RegExp(`(?:\\(\\s*|\\b(?:path|route|value|pattern)\\s*[=:]\\s*|\\b(?:path|url|pathname)\\s*===?\\s*|\\bcase\\s+)["'\`](/(?:api/(?:v\\d+/)?)?(${NAMES.join('|')}))/?["'\`]`, 'g');
/** A route path the probe may ask: a route name, maybe under /api or /api/vN (as LITERAL, without the quotes). */
const ROUTE = new RegExp(`^/(?:api/(?:v\\d+/)?)?(${NAMES.join('|')})$`);
/**
 * Frameworks whose routes are files, by the file's path in the build context; the capture is the route.
 * Next.js pages router (`pages/api/health.ts`, `pages/api/health/index.ts`) and app router
 * (`app/api/health/route.ts`), SvelteKit (`src/routes/health/+server.ts`), Nuxt/Nitro (`server/api/health.ts` is
 * `/api/health`, `server/routes/healthz.get.ts` is `/healthz`).
 */
const FILE_ROUTES: { pattern: RegExp; route: (captured: string) => string }[] = [
  { pattern: /^(?:src\/)?pages\/(.+?)(?:\/index)?\.[cm]?[jt]sx?$/, route: (captured) => `/${captured}` },
  { pattern: /^(?:src\/)?app\/(.+)\/route\.[cm]?[jt]s$/, route: (captured) => `/${captured}` },
  { pattern: /^src\/routes\/(.+)\/\+server\.[jt]s$/, route: (captured) => `/${captured}` },
  { pattern: /^server\/api\/(.+?)(?:\.(?:get|head))?\.[cm]?[jt]s$/, route: (captured) => `/api/${captured}` },
  { pattern: /^server\/routes\/(.+?)(?:\.(?:get|head))?\.[cm]?[jt]s$/, route: (captured) => `/${captured}` },
];
const SOURCE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx', '.py', '.go', '.rb', '.java', '.kt', '.php', '.cs', '.rs', '.ex', '.exs', '.scala']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'vendor', 'dist', 'build', 'target', 'out', 'coverage', '__pycache__', 'venv', '.venv', 'bin', 'obj', 'public', 'static']);
/** Folder entries looked at, source files read, largest file read, bytes read in all, folder depth. */
export const HEALTH_ROUTE_LIMITS = { entries: 2000, files: 200, bytes: 256 * 1024, totalBytes: 2 * 1024 * 1024, depth: 6 };

/**
 * The path an HTTP probe asks: `.docker-harden.yaml` `defaults.healthcheck.path` when set, else the health route
 * found in the source (`context`: the build context), else `/`.
 */
export function probePath(project: Project, context: string | undefined, defaults: HardenDefaults | undefined): string {
  return defaults?.healthcheck?.path ?? (context !== undefined ? healthRoute(project, context) : undefined) ?? '/';
}

/** The path an HTTP probe asks and where it is known from: the config's `defaults.healthcheck.path`, the app's source, or nothing (`/`). */
export function probeRoute(project: Project, context: string | undefined, defaults: HardenDefaults | undefined): { path: string; evidence: string | undefined } {
  if (defaults?.healthcheck?.path) return { path: defaults.healthcheck.path, evidence: '.docker-harden.yaml defaults.healthcheck.path' };
  const found = context !== undefined ? healthRoute(project, context) : undefined;
  if (found) return { path: found, evidence: `the app's source registers ${found}` };
  return { path: '/', evidence: undefined };
}

/** ` of /health` for a fix title, nothing for `/`. */
export function describePath(probe: string): string {
  return probe === '/' ? '' : ` of ${probe}`;
}

/** The health route declared in the source under `context`, once per lint. */
export function healthRoute(project: Project, context: string): string | undefined {
  return project.memo(`health-route:${context}`, () => findHealthRoute(project, context));
}

function findHealthRoute(project: Project, context: string): string | undefined {
  let best: { rank: number; route: string } | undefined;
  const consider = (name: string, route: string) => {
    // By name, then the shorter path (`/health` before `/api/v1/health`).
    const rank = NAMES.indexOf(name) * 1000 + route.length;
    if (!best || rank < best.rank) best = { rank, route };
  };
  walkSource(project, context, (relative, text) => {
    const fromName = fileRoute(relative);
    if (fromName) consider(fromName.name, fromName.route);
    if (text !== undefined) for (const match of text.matchAll(LITERAL)) consider(match[2], match[1]);
    return best?.route === '/healthz';
  });
  return best?.route;
}

/**
 * Visits the source files under `context` (breadth first, sorted, dependencies and dot-folders skipped, bounded by
 * HEALTH_ROUTE_LIMITS): `visit` gets the file's path relative to the context and its text (undefined when too large
 * or unreadable), and stops the walk by returning true. Files are read, never run.
 */
export function walkSource(project: Project, context: string, visit: (relative: string, text: string | undefined) => boolean): void {
  const list = project.workspace.listDirectory?.bind(project.workspace);
  if (!list) return;
  let entries = 0;
  let files = 0;
  let bytes = 0;
  // Breadth first, sorted names: the same answer on every run, and the application's own top folders first.
  const queue: { folder: string; depth: number }[] = [{ folder: context, depth: 0 }];
  while (queue.length > 0 && entries < HEALTH_ROUTE_LIMITS.entries && files < HEALTH_ROUTE_LIMITS.files && bytes < HEALTH_ROUTE_LIMITS.totalBytes) {
    const { folder, depth } = queue.shift()!;
    for (const entry of list(folder) ?? []) {
      if (++entries > HEALTH_ROUTE_LIMITS.entries) break;
      const full = path.join(folder, entry.name);
      if (entry.directory) {
        if (depth + 1 < HEALTH_ROUTE_LIMITS.depth && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) queue.push({ folder: full, depth: depth + 1 });
        continue;
      }
      if (!SOURCE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      const relative = path.relative(context, full).split(path.sep).join('/');
      if (++files > HEALTH_ROUTE_LIMITS.files) break;
      const text = project.workspace.readFile(full);
      if (text !== undefined) bytes += text.length;
      if (bytes > HEALTH_ROUTE_LIMITS.totalBytes) break;
      if (visit(relative, text !== undefined && text.length <= HEALTH_ROUTE_LIMITS.bytes ? text : undefined)) return;
    }
  }
}

/** The `*_FILE` variable names the source under `context` mentions (`os.environ["DB_PASSWORD_FILE"]`), once per lint. */
export function sourceFileVariables(project: Project, context: string): Set<string> {
  return project.memo(`file-variables:${context}`, () => {
    const names = new Set<string>();
    walkSource(project, context, (_relative, text) => {
      if (text !== undefined) for (const match of text.matchAll(/\b([A-Z][A-Z0-9_]*_FILE)\b/g)) names.add(match[1]);
      return false;
    });
    return names;
  });
}

/** The route a file declares by its path (FILE_ROUTES), when it is a health route; `(group)` folders are not in the URL. */
function fileRoute(relative: string): { name: string; route: string } | undefined {
  for (const { pattern, route } of FILE_ROUTES) {
    const match = pattern.exec(relative);
    if (!match) continue;
    const url = route(
      match[1]
        .split('/')
        .filter((segment) => !/^\(.*\)$/.test(segment))
        .join('/'),
    );
    const known = ROUTE.exec(url);
    return known ? { name: known[1], route: url } : undefined;
  }
  return undefined;
}
