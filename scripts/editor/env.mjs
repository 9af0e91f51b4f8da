// The environment of the programs the editor scripts start (npm installing code-server, code-server itself).
//
// Under `npm start` / `npm test` this process inherits what npm exports to its scripts: every npm setting as
// npm_config_* (npm_config_user_agent says "node/v20", npm_config_node_gyp and npm_config_nodedir point at the outer
// Node, npm_config_local_prefix at this checkout), NODE and npm_node_execpath, and PATH entries of its own
// (node_modules/.bin of every parent folder, npm's node-gyp-bin). A nested npm reads all npm_config_* variables as
// its own settings and passes them on to install scripts: code-server's postinstall reads the Node version from
// npm_config_user_agent and refused to install under `npm start` ("requires node v24 ... you are on node v20").
// So the nested programs get an environment of their own, built from an allowlist, never the inherited one.
import * as path from 'node:path';

/** Variables a child needs from the machine: identity, locale, terminal, temp dir, proxies and certificates. */
const SYSTEM = new Set([
  'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TERM', 'TMPDIR', 'TZ', 'CI', 'DISPLAY',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
  'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR',
]);

/** npm settings that say how to reach the registry; a user may have set them in the shell, npm re-exports them. */
const NPM_NETWORK = /^npm_config_(registry|.+:registry|cafile|ca|cert|key|proxy|https_proxy|http_proxy|noproxy|no_proxy|strict_ssl|cache|userconfig|fetch_retries|fetch_timeout|fetch_retry_.+|maxsockets|prefer_offline|offline)$/i;

/** PATH without the folders npm's script runner put in front (node_modules/.bin of each parent, node-gyp-bin). */
export function systemPath(value = process.env.PATH ?? '') {
  return value
    .split(path.delimiter)
    .filter((entry) => entry && !/[\\/]node_modules[\\/]\.bin$/.test(entry) && !/[\\/]node-gyp-bin$/.test(entry))
    .filter((entry, index, all) => all.indexOf(entry) === index)
    .join(path.delimiter);
}

/**
 * A clean environment: the allowlisted variables of this process, `PATH` as the machine gives it (with
 * `prependPath` in front), and `extra`. Nothing npm exported to its scripts survives but the registry settings.
 * @param {{ prependPath?: string[], extra?: Record<string, string> }} [options]
 */
export function cleanEnv(options = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (SYSTEM.has(name) || name.startsWith('LC_') || NPM_NETWORK.test(name)) env[name] = value;
  }
  env.PATH = [...(options.prependPath ?? []), systemPath()].filter(Boolean).join(path.delimiter);
  return { ...env, ...options.extra };
}
