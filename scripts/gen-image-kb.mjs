// Generates engine/src/knowledge/image-kb-data.ts, the tag-aware image knowledge base, from
//   1. the images' published sources, fetched as bare git mirrors under /work/.mirror/<owner>+<name>/repo
//      (docker-library/official-images `library/<name>` files map tags to the Dockerfile that builds them), and
//   2. scripts/image-kb-overlay.mjs: what no Dockerfile says (probes, suggested limits, documented facts, and the
//      tools of base images that are not built from a Dockerfile: debian, ubuntu, alpine, ...).
// Usage: node scripts/gen-image-kb.mjs [--mirrors DIR] [--check]
// Without a mirror for a repository, the entries read from it are copied from the current data file (so a rerun
// without mirrors changes nothing); --check fails when a fact read from a mirror differs from the overlay's claims.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASES, CHECKED, FAMILIES } from './image-kb-overlay.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const mirrors = args.includes('--mirrors') ? args[args.indexOf('--mirrors') + 1] : '/work/.mirror';
const out = path.join(root, 'engine/src/knowledge/image-kb-data.ts');
const warnings = [];

// ---------------------------------------------------------------------------------------------------------------
// Mirrors

const headCache = new Map();
function gitDir(repo) {
  const dir = path.join(mirrors, repo.replace('/', '+'), 'repo');
  return fs.existsSync(dir) ? dir : undefined;
}
function head(repo) {
  if (!headCache.has(repo)) {
    const dir = gitDir(repo);
    headCache.set(repo, dir ? execFileSync('git', ['--git-dir', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim() : undefined);
  }
  return headCache.get(repo);
}
function show(repo, file) {
  const dir = gitDir(repo);
  if (!dir) return undefined;
  try {
    return execFileSync('git', ['--git-dir', dir, 'show', `HEAD:${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}
function listFiles(repo) {
  const dir = gitDir(repo);
  if (!dir) return [];
  return execFileSync('git', ['--git-dir', dir, 'ls-tree', '-r', '--name-only', 'HEAD'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
}
function url(repo, file) {
  return `https://github.com/${repo}/blob/${head(repo)}/${file}`;
}

/** Compares dotted version strings numerically ("1.27" > "1.9"; "tip"/"rc" sort low). */
function versionKey(text) {
  return text.split(/[^0-9]+/).filter(Boolean).map(Number);
}
function compareVersions(a, b) {
  const x = versionKey(a);
  const y = versionKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

/**
 * Where a variant's Dockerfile is: `{ library, tag }` reads docker-library/official-images `library/<name>` and
 * takes the Directory/File of the entry carrying that tag; `{ repo, dockerfile }` is a path in which `*` stands for
 * a version directory (the highest stable one is taken).
 */
function locate(spec) {
  if (spec.library) {
    const text = show('docker-library/official-images', `library/${spec.library}`);
    if (!text) return undefined;
    const globalRepo = /^GitRepo:\s*(\S+)/m.exec(text)?.[1];
    for (const block of text.split(/\n\s*\n/)) {
      const tags = [...block.matchAll(/^(?:Shared)?Tags:\s*(.+)$/gm)].flatMap((m) => m[1].split(/,\s*/));
      if (!tags.includes(spec.tag)) continue;
      const gitRepo = /^GitRepo:\s*(\S+)/m.exec(block)?.[1] ?? globalRepo;
      let repo = gitRepo.replace(/^https:\/\/github\.com\//, '').replace(/\.git$/, '');
      if (spec.repo) repo = spec.repo; // a mirror under the repository's former name
      const directory = /^Directory:\s*(\S+)/m.exec(block)?.[1] ?? '.';
      const file = /^File:\s*(\S+)/m.exec(block)?.[1] ?? 'Dockerfile';
      const prefix = directory === '.' ? '' : `${directory}/`;
      const dockerfile = gitDir(repo) ? nearest(repo, `${prefix}${file}`) : `${prefix}${file}`;
      return { repo, dockerfile, dir: dockerfile.slice(0, dockerfile.lastIndexOf('/') + 1), libraryUrl: url('docker-library/official-images', `library/${spec.library}`) };
    }
    warnings.push(`library/${spec.library}: no entry tagged ${spec.tag}`);
    return undefined;
  }
  if (!gitDir(spec.repo)) return undefined;
  let file = spec.dockerfile;
  if (file.includes('*')) {
    const re = new RegExp(`^${file.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '([0-9][0-9.]*)')}$`);
    const found = listFiles(spec.repo).map((f) => [f, re.exec(f)?.[1]]).filter(([, v]) => v);
    if (!found.length) {
      warnings.push(`${spec.repo}: nothing matches ${spec.dockerfile}`);
      return undefined;
    }
    found.sort((a, b) => compareVersions(b[1], a[1]));
    file = found[0][0];
  }
  return { repo: spec.repo, dockerfile: file, dir: file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '' };
}

// ---------------------------------------------------------------------------------------------------------------
// Dockerfile reading

/** Logical instructions: continuation lines joined, comment lines dropped. */
function instructions(text) {
  const result = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^\s*#/.test(line)) continue;
    if (/\\\s*$/.test(line)) {
      current += line.replace(/\\\s*$/, ' ');
      continue;
    }
    current += line;
    if (current.trim()) {
      const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(current.trim());
      if (m) result.push({ op: m[1].toUpperCase(), args: m[2].trim() });
    }
    current = '';
  }
  return result;
}

/** The instructions of the final stage, following `FROM <earlier stage>` back to its base. */
function finalStage(list) {
  const stages = [];
  for (const ins of list) {
    if (ins.op === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(ins.args);
      stages.push({ from: m[1], name: m[2]?.toLowerCase(), body: [] });
    } else if (stages.length) stages.at(-1).body.push(ins);
  }
  let stage = stages.at(-1);
  const body = [...stage.body];
  for (;;) {
    const parent = stages.find((s) => s.name && s.name === stage.from.toLowerCase() && s !== stage);
    if (!parent) break;
    body.unshift(...parent.body);
    stage = parent;
  }
  return { from: stage.from, body, stages };
}

/** Substitutes `ARG`/`ENV` defaults into `$X` / `${X}` where known. */
function substitute(text, vars) {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (all, name) => (name in vars ? vars[name] : all));
}

/** Packages a RUN installs for good, and those it removes. */
function packagesOf(run, deleted) {
  const kept = [];
  const removed = [];
  const all = [];
  const cmd = run.replace(/\$\((?:[^()]|\([^()]*\))*\)/g, ' ');
  // docker-library pattern: packages installed before `apt-mark auto` are purged by the later `--auto-remove`
  // unless marked manual again; packages installed after it stay.
  const autoAt = cmd.search(/apt-mark auto/);
  const manual = new Set();
  for (const m of cmd.matchAll(/apt-mark manual((?:\s+[a-z0-9][a-z0-9.+-]*)+)/g)) for (const p of m[1].trim().split(/\s+/)) manual.add(p);
  let offset = 0;
  for (const segment of cmd.split(/;|&&|\|\||\n/)) {
    const start = cmd.indexOf(segment, offset);
    offset = start + segment.length;
    const temporaryApt = autoAt >= 0 && start < autoAt && /--auto-remove|autoremove/.test(cmd.slice(autoAt));
    const words = segment.trim().split(/\s+/);
    const at = (i) => words[i] ?? '';
    let i = words.findIndex((w, k) => (w === 'apt-get' || w === 'apt') && at(k + 1) === 'install');
    let kind;
    if (i >= 0) { kind = 'apt'; i += 2; }
    else if ((i = words.findIndex((w, k) => w === 'apk' && at(k + 1) === 'add')) >= 0) { kind = 'apk'; i += 2; }
    else if ((i = words.findIndex((w, k) => /^(microdnf|dnf|yum|tdnf)$/.test(w) && at(k + 1) === 'install')) >= 0) { kind = 'rpm'; i += 2; }
    else if ((i = words.findIndex((w, k) => (w === 'apt-get' || w === 'apt') && /^(purge|remove)$/.test(at(k + 1)))) >= 0) { kind = 'remove'; i += 2; }
    else if ((i = words.findIndex((w, k) => /^(microdnf|dnf|yum)$/.test(w) && /^(remove|erase)$/.test(at(k + 1)))) >= 0) { kind = 'remove'; i += 2; }
    else continue;
    let virtual;
    const names = [];
    for (; i < words.length; i++) {
      const w = words[i].replace(/^['"]|['"]$/g, '');
      if (w === '--virtual' || w === '-t') { virtual = words[++i]; continue; }
      if (w.startsWith('-') || w.includes('$') || !w || w === '\\') continue;
      names.push(w.replace(/[=<>].*$/, ''));
    }
    if (kind === 'remove') { removed.push(...names); continue; }
    all.push(...names);
    if (kind === 'apk' && virtual && deleted.has(virtual)) continue;
    for (const n of names) if (!(kind === 'apt' && temporaryApt) || manual.has(n)) kept.push(n);
  }
  return { kept, removed, all };
}

const TOOL_PACKAGES = {
  bash: ['bash'],
  curl: ['curl', 'curl-minimal'],
  wget: ['wget', 'wget2'],
  nc: ['netcat-openbsd', 'netcat-traditional', 'netcat', 'nmap-ncat', 'ncat'],
  python: ['python3', 'python3-minimal', 'python'],
  node: ['nodejs'],
};

/** A path of the library file that the mirror's snapshot lacks: the same path with the highest versions it has. */
function nearest(repo, file) {
  if (show(repo, file) !== undefined) return file;
  const re = new RegExp(`^${file.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\d+(\\\.\d+)*/g, '[0-9][0-9.]*')}$`);
  const found = listFiles(repo).filter((f) => re.test(f)).sort((a, b) => compareVersions(b, a));
  if (found.length) warnings.push(`${repo}: ${file} is not in the snapshot; read ${found[0]}`);
  return found[0] ?? file;
}

function readDockerfile(repo, file) {
  const text = show(repo, file);
  if (text === undefined) return undefined;
  const list = instructions(text);
  const { from, body } = finalStage(list);
  const vars = {};
  for (const ins of list) {
    if (ins.op === 'ARG') { const m = /^(\w+)=("?)([^"\s]*)\2/.exec(ins.args); if (m) vars[m[1]] = m[3]; }
  }
  const deleted = new Set();
  for (const ins of body) if (ins.op === 'RUN') for (const m of ins.args.matchAll(/apk del(?:\s+--[\w-]+)*((?:\s+\.?[\w.-]+)+)/g)) for (const v of m[1].trim().split(/\s+/)) deleted.add(v);
  const packages = new Set();
  const facts = { from: substitute(from, vars), packages, expose: [], users: [], uids: {}, usedTools: new Set(), installedEver: new Set() };
  for (const ins of body) {
    const args = substitute(ins.args, vars);
    if (ins.op === 'ENV') {
      for (const m of args.matchAll(/(\w+)[= ]("?)([^"\s]+)\2/g)) vars[m[1]] = m[3];
    } else if (ins.op === 'RUN') {
      const { kept, removed, all } = packagesOf(args, deleted);
      // A tool the Dockerfile runs without installing it (even for a while) proves the base image has it.
      for (const tool of ['curl', 'wget']) if (new RegExp(`(^|[;&|(]\\s*)${tool}\\s`).test(args) && !packages.has(tool) && !all.includes(tool) && !facts.installedEver.has(tool)) facts.usedTools.add(tool);
      for (const p of all) facts.installedEver.add(p);
      for (const p of kept) packages.add(p);
      for (const p of removed) packages.delete(p);
      for (const segment of args.split(/;|&&|\|\|/)) {
        const words = segment.trim().split(/\s+/);
        const at = words.findIndex((w) => w === 'useradd' || w === 'adduser');
        if (at < 0) continue;
        const flags = new Set(['-r', '--system', '-S', '-D', '-H', '-M', '-m', '-N', '-U', '-l', '--no-create-home', '--disabled-login', '--disabled-password', '--no-user-group', '--create-home', '--no-log-init', '--user-group']);
        const bare = [];
        for (let k = at + 1; k < words.length; k++) {
          const w = words[k];
          if (w.startsWith('-')) { if (!flags.has(w) && !w.includes('=')) k++; continue; }
          bare.push(w.replace(/^['"]|['"]$/g, ''));
        }
        const name = bare.at(-1) ?? '';
        if (!/^[a-z_][a-z0-9_-]*$/.test(name)) continue;
        facts.users.push(name);
        const uid = /(?:^|\s)(?:-u|--uid)[=\s]+['"]?(\d+)/.exec(segment)?.[1];
        if (uid) facts.uids[uid] = name;
      }
    } else if (ins.op === 'USER') {
      facts.user = args.split(/\s+/)[0];
    } else if (ins.op === 'EXPOSE') {
      for (const p of args.split(/\s+/)) { const m = /^(\d+)(\/tcp)?$/.exec(p); if (m) facts.expose.push(Number(m[1])); }
    } else if (ins.op === 'HEALTHCHECK') {
      const m = /\bCMD\s+([\s\S]+)$/.exec(args);
      if (/^NONE/i.test(args)) facts.healthcheck = undefined;
      else if (m) {
        const cmd = m[1].trim();
        facts.healthcheck = cmd.startsWith('[') ? ['CMD', ...JSON.parse(cmd)] : ['CMD-SHELL', cmd];
      }
    } else if (ins.op === 'ENTRYPOINT' || ins.op === 'CMD') {
      facts[ins.op.toLowerCase()] = args;
    }
  }
  return facts;
}

/** The `*_FILE` variables an entrypoint reads. */
function fileEnvOf(text) {
  const found = new Set();
  for (const m of text.matchAll(/^\s*file_env\s+['"]?([A-Z][A-Z0-9_]*)/gm)) found.add(`${m[1]}_FILE`);
  for (const m of text.matchAll(/^\s*_mariadb_file_env\s+['"]?MYSQL_([A-Z0-9_]+)/gm)) { found.add(`MYSQL_${m[1]}_FILE`); found.add(`MARIADB_${m[1]}_FILE`); }
  // `if [[ -n "${X_FILE}" && -f "${X_FILE}" ]]; then X="$(cat "${X_FILE}")"`
  for (const m of text.matchAll(/-f\s+"?\$\{?([A-Z][A-Z0-9_]*_FILE)\}?"?[\s\S]{0,80}?\$\(\s*cat\s+"?\$\{?\1/g)) found.add(m[1]);
  return [...found].sort();
}

/** How an entrypoint started as root switches to another user, if it does. */
function dropOf(text) {
  for (const [re, name] of [[/\bexec\s+gosu\b/, 'gosu'], [/\bexec\s+su-exec\b/, 'su-exec'], [/\bsetpriv\s+--reuid/, 'setpriv'], [/\bchroot\s+--userspec/, 'chroot --userspec'], [/\bs6-setuidgid\b/, 's6-setuidgid'], [/\bexec\s+clickhouse\s+su\b/, 'clickhouse su'], [/\bexec\s+\$?\{?gosu/i, 'gosu']]) if (re.test(text)) return name;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Base images (what FROM brings)

function baseFacts(from, depth = 0) {
  const ref = from.replace(/^docker\.io\//, '').replace(/^library\//, '');
  for (const base of BASES) if (new RegExp(base.match).test(ref)) return { os: base.os, tools: { ...base.tools }, source: base.source, evidence: base.evidence, unverified: base.unverified ?? [], user: base.user, nonRootUser: base.nonRootUser };
  // buildpack-deps:<suite>[-curl|-scm]: read its Dockerfile and recurse.
  const m = /^buildpack-deps:([a-z]+)(?:-(curl|scm))?$/.exec(ref);
  if (m && depth < 5) {
    const distro = ['jammy', 'noble', 'plucky', 'questing', 'resolute', 'focal'].includes(m[1]) ? 'ubuntu' : 'debian';
    const file = `${distro}/${m[1]}/${m[2] ? `${m[2]}/` : ''}Dockerfile`;
    const facts = readDockerfile('docker-library/buildpack-deps', file);
    if (facts) {
      const base = baseFacts(facts.from, depth + 1);
      if (!base) return undefined;
      applyPackages(base.tools, facts.packages, base.os);
      return { ...base, source: `${base.source} + ${url('docker-library/buildpack-deps', file)}` };
    }
  }
  // An image of this knowledge base generated earlier (nginx:1.27-alpine-slim -> nginx/alpine-slim).
  const known = resolveGenerated(ref);
  if (known) return { os: known.os, tools: { ...known.tools }, source: known.source, evidence: known.evidence, unverified: known.unverified ?? [], user: known.user, nonRootUser: known.nonRootUser, inherited: known };
  // Another official image: read its Dockerfile through the library file and recurse.
  const lib = /^([a-z0-9-]+):([\w.-]+)$/.exec(ref.replace(/@sha256:.*$/, ''));
  if (lib && depth < 5) {
    const where = locate({ library: lib[1], tag: lib[2] });
    const facts = where && gitDir(where.repo) ? readDockerfile(where.repo, where.dockerfile) : undefined;
    if (facts) {
      const base = baseFacts(facts.from, depth + 1);
      if (!base) return undefined;
      applyPackages(base.tools, facts.packages, base.os);
      return { ...base, user: facts.user ?? base.user, source: `${base.source} + ${url(where.repo, where.dockerfile)}` };
    }
  }
  warnings.push(`unknown base image ${from}`);
  return undefined;
}

function applyPackages(tools, packages, os) {
  for (const [tool, names] of Object.entries(TOOL_PACKAGES)) {
    if (!names.some((n) => packages.has(n))) continue;
    tools[tool] = tool === 'wget' ? 'gnu' : true;
  }
  if (packages.has('busybox') && !tools.wget && os !== 'debian') tools.wget = 'busybox';
}

// ---------------------------------------------------------------------------------------------------------------
// Entries

const previous = (() => {
  try {
    const text = fs.readFileSync(out, 'utf8');
    const json = text.slice(text.indexOf('= ') + 2, text.lastIndexOf(';'));
    return JSON.parse(json);
  } catch {
    return undefined;
  }
})();

function fromSource(family, variant) {
  const spec = variant.from;
  const where = locate({ ...spec, repo: spec.repo ?? family.repo });
  if (!where || !gitDir(where.repo)) return undefined;
  const df = readDockerfile(where.repo, where.dockerfile);
  if (!df) { warnings.push(`${family.family}/${variant.variant}: cannot read ${where.repo}:${where.dockerfile}`); return undefined; }
  const base = baseFacts(df.from);
  if (!base) return undefined;
  const sources = [url(where.repo, where.dockerfile)];
  if (where.libraryUrl) sources.push(where.libraryUrl);
  if (base.source) sources.push(base.source);
  const tools = { ...base.tools };
  applyPackages(tools, df.packages, base.os);
  for (const t of df.usedTools) tools[t] = t === 'wget' ? (tools.wget || (base.os === 'alpine' ? 'busybox' : 'gnu')) : true;
  const unverified = [...base.unverified].filter((t) => !(df.usedTools.has(t) || [...df.packages].some((p) => TOOL_PACKAGES[t]?.includes(p))));
  let entrypointText;
  const entrypointFile = spec.entrypoint === 'none' ? undefined : spec.entrypoint ?? (df.entrypoint && /docker-entrypoint\.sh|entrypoint\.sh/.test(df.entrypoint) ? /([\w.-]*entrypoint\.sh)/.exec(df.entrypoint)[1] : undefined);
  if (entrypointFile) {
    const file = entrypointFile.includes('/') ? entrypointFile : `${where.dir}${entrypointFile}`;
    entrypointText = show(where.repo, file);
    if (entrypointText) {
      sources.push(url(where.repo, file));
      if (/^#!\s*(\/bin\/bash|\/usr\/bin\/env bash)/.test(entrypointText)) tools.bash = true;
    } else warnings.push(`${family.family}/${variant.variant}: no entrypoint ${file}`);
  }
  // Built FROM another image of the knowledge base: its ports, entrypoint behaviour and healthcheck carry over.
  const parent = base.inherited;
  const entry = { os: base.os, tools, ports: [...new Set([...(parent?.ports ?? []), ...df.expose])], fileEnv: entrypointText ? fileEnvOf(entrypointText) : parent?.fileEnv ?? [] };
  if (parent) sources.push(...parent.sources.filter((s) => !sources.includes(s)));
  let user = df.user ?? base.user;
  const uid = user?.split(':')[0];
  if (uid && df.uids[uid]) { entry.uid = Number(uid); user = df.uids[uid]; }
  else if (uid && parent?.uid === Number(uid)) { entry.uid = parent.uid; user = parent.user; }
  if (user && user !== 'root' && user !== '0' && user !== '0:0') entry.user = user;
  const nonRoot = df.users.find((u) => u !== 'root') ?? base.nonRootUser;
  if (nonRoot) entry.nonRootUser = nonRoot;
  else if (entry.user && !/^\d/.test(entry.user)) entry.nonRootUser = entry.user;
  if (!entry.user) {
    if (entrypointText) { const drop = dropOf(entrypointText); if (drop) entry.dropsPrivileges = drop; }
    else if (parent?.dropsPrivileges && !df.entrypoint) entry.dropsPrivileges = parent.dropsPrivileges;
  }
  if (df.healthcheck) entry.healthcheck = df.healthcheck;
  else if (parent?.healthcheck) entry.healthcheck = parent.healthcheck;
  entry.sources = sources;
  entry.evidence = 'source';
  if (unverified.length) entry.unverified = unverified;
  return entry;
}

const entries = [];
const families = [];

/** The tag-aware lookup of kb.ts, over the entries generated so far (for FROM lines). */
function resolveGenerated(ref) {
  const m = /^(?:docker\.io\/)?(?:library\/)?([^:@]+)(?::([^@]+))?/.exec(ref);
  if (!m) return undefined;
  const family = FAMILIES.find((f) => f.names.includes(m[1]));
  if (!family) return undefined;
  const tag = m[2] ?? '';
  const flavor = tag === 'latest' ? '' : tag.replace(new RegExp(family.versionPattern ?? '^v?\\d+(\\.\\d+)*(-?(rc|beta|alpha)\\d*)?(-|$)'), '');
  const variant = family.variants.find((v) => new RegExp(v.match).test(flavor));
  return variant && entries.find((e) => e.family === family.family && e.variant === variant.variant);
}
for (const family of FAMILIES) {
  families.push({ family: family.family, names: family.names, ...(family.versionPattern ? { versionPattern: family.versionPattern } : {}), ...(family.matchOn ? { matchOn: family.matchOn } : {}), variants: family.variants.map((v) => ({ variant: v.variant, match: v.match })) });
  for (const variant of family.variants) {
    let entry;
    if (variant.from) {
      entry = fromSource(family, variant);
      if (!entry) {
        const old = previous?.entries.find((e) => e.family === family.family && e.variant === variant.variant);
        if (old) {
          // The facts read from the sources are kept; what the overlay owns (the probe) follows the overlay.
          const probe = variant.probe ?? family.probe;
          if (probe) old.probe = probe;
          entries.push(old);
          warnings.push(`${family.family}/${variant.variant}: no mirror, kept the previous entry`);
          continue;
        }
        warnings.push(`${family.family}/${variant.variant}: no mirror and no previous entry; skipped`);
        continue;
      }
    } else entry = { evidence: 'documentation', sources: [] };
    if (variant.inherit) {
      // Built FROM another image of the knowledge base and adding no tools: take its facts, keep this build's source.
      const parent = entries.find((e) => e.family === variant.inherit[0] && e.variant === variant.inherit[1]);
      if (!parent) { warnings.push(`${family.family}/${variant.variant}: no ${variant.inherit.join('/')} entry to inherit`); continue; }
      for (const key of ['os', 'tools', 'user', 'nonRootUser', 'dropsPrivileges', 'healthcheck', 'fileEnv']) if (parent[key] !== undefined) entry[key] = parent[key];
      entry.ports = entry.ports?.length ? entry.ports : parent.ports;
      entry.sources = [...entry.sources, ...parent.sources];
    }
    // Overlay: documented facts (with their own sources) override or complete what the Dockerfile says.
    const overlay = { ...family.all, ...variant.facts };
    for (const [key, value] of Object.entries(overlay)) {
      if (value === null) delete entry[key];
      else if (key === 'tools') entry.tools = { ...(entry.tools ?? {}), ...value };
      else if (key === 'sources') entry.sources = [...entry.sources, ...value];
      else entry[key] = value;
    }
    if (family.datastore) entry.datastore = true;
    if (family.runtime) entry.runtime = family.runtime;
    if (family.limits) entry.limits = family.limits;
    if (variant.probe ?? family.probe) entry.probe = variant.probe ?? family.probe;
    entry.tools = { bash: false, sh: false, curl: false, wget: false, nc: false, python: false, node: false, ...entry.tools };
    // The language images ship their runtime on PATH (python3 / node).
    if (family.runtime === 'python' || family.runtime === 'node') entry.tools[family.runtime] = true;
    const ordered = { family: family.family, variant: variant.variant, os: entry.os, tools: entry.tools };
    if (entry.unverified) entry.unverified = entry.unverified.filter((t) => entry.tools[t] !== true && !entry.tools[t]);
    for (const key of ['user', 'uid', 'nonRootUser', 'dropsPrivileges', 'ports', 'healthcheck', 'probe', 'fileEnv', 'limits', 'datastore', 'runtime']) if (entry[key] !== undefined) ordered[key] = entry[key];
    ordered.ports ??= [];
    ordered.fileEnv ??= [];
    ordered.source = entry.sources[0];
    ordered.sources = entry.sources;
    ordered.evidence = entry.evidence;
    if (entry.unverified?.length) ordered.unverified = entry.unverified;
    if (entry.notes) ordered.notes = entry.notes;
    ordered.checked = CHECKED;
    if (!ordered.source) { warnings.push(`${family.family}/${variant.variant}: no source; skipped`); continue; }
    entries.push(ordered);
  }
}

const data = { generated: CHECKED, families, entries };
const header = `// GENERATED by scripts/gen-image-kb.mjs from the images' published Dockerfiles and entrypoints (fetched
// repositories) and scripts/image-kb-overlay.mjs. Do not edit: change the overlay and rerun the generator.
import type { ImageKbData } from './kb';

export const IMAGE_KB: ImageKbData = `;
fs.writeFileSync(out, `${header}${JSON.stringify(data, null, 2)};\n`);
for (const w of warnings) console.warn(`warning: ${w}`);
console.log(`wrote ${path.relative(root, out)}: ${families.length} families, ${entries.length} variants`);
