// Preloaded into the CLI or the server under test (`node --require` / NODE_OPTIONS): records, one JSON line each in
// the file named by DOCKER_HARDEN_GUARD_LOG, every child process started (and refuses it), every network attempt
// (and refuses it), and every file path opened, read, written or listed, so a test can assert the process stayed
// offline, spawned nothing and touched nothing outside its workspace.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const log = process.env.DOCKER_HARDEN_GUARD_LOG;
const appendFileSync = fs.appendFileSync;
let recording = false;
function record(kind, detail) {
  if (!log || recording) return;
  recording = true;
  try {
    appendFileSync(log, JSON.stringify({ kind, detail, pid: process.pid }) + '\n');
  } finally {
    recording = false;
  }
}
function refuse(kind, detail) {
  record(kind, detail);
  throw new Error(`${kind} is forbidden in this test: ${detail}`);
}

const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const original = childProcess[name];
  childProcess[name] = function (command, ...rest) {
    refuse('child_process', `${name} ${String(command)}`);
    return original.call(this, command, ...rest);
  };
}

const net = require('node:net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = args[0];
  // IPC pipes (the server's stdio, worker ports) are not network.
  if ((options && typeof options === 'object' && options.path) || typeof options === 'string') return connect.apply(this, args);
  refuse('network', `connect ${JSON.stringify(options && typeof options === 'object' ? { host: options.host, port: options.port } : args.slice(0, 2))}`);
};
for (const moduleName of ['node:http', 'node:https']) {
  const http = require(moduleName);
  for (const name of ['request', 'get']) {
    http[name] = function (target) {
      refuse('network', `${moduleName} ${name} ${typeof target === 'string' ? target : JSON.stringify(target && target.hostname)}`);
    };
  }
}
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = function (target) {
    refuse('network', `fetch ${String(target)}`);
  };
}
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function (hostname, ...rest) {
    record('network', `dns.${name} ${hostname}`);
    return original.call(this, hostname, ...rest);
  };
}

// Writes outside DOCKER_HARDEN_GUARD_WRITE_ROOTS (symlinks resolved) are refused, not only recorded: a hostile
// workspace test must never be able to change the machine it runs on (a `.dockerignore` symlinked to /etc/passwd).
const realpathSync = fs.realpathSync;
const writeRoots = (process.env.DOCKER_HARDEN_GUARD_WRITE_ROOTS || '').split(path.delimiter).filter(Boolean).map((root) => {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
});
function realOrParent(p) {
  try {
    return realpathSync(p);
  } catch {
    try {
      return path.join(realOrParent(path.dirname(p)), path.basename(p));
    } catch {
      return p;
    }
  }
}
function refuseWriteOutside(p) {
  if (writeRoots.length === 0) return;
  const real = realOrParent(p);
  const inside = writeRoots.some((root) => {
    const rel = path.relative(root, real);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
  if (!inside) refuse('fs.write-outside', `${p}${real !== p ? ` -> ${real}` : ''}`);
}

// File access: every path-taking entry point that reads, writes or lists.
const pathFunctions = {
  read: ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream', 'readdirSync', 'readdir', 'opendirSync', 'opendir', 'readlinkSync', 'readlink'],
  write: ['writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'createWriteStream', 'mkdirSync', 'mkdir', 'rmSync', 'rm', 'unlinkSync', 'unlink', 'renameSync', 'rename', 'chmodSync', 'chmod', 'copyFileSync', 'copyFile', 'symlinkSync', 'symlink'],
};
function pathOf(target) {
  if (typeof target === 'string') return target;
  if (target instanceof URL) return target.pathname;
  if (Buffer.isBuffer(target)) return target.toString();
  return undefined; // a file descriptor
}
for (const [kind, names] of Object.entries(pathFunctions)) {
  for (const name of names) {
    for (const target of [fs, fs.promises]) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      target[name] = function (file, ...rest) {
        // The guard's own log write (appendFileSync goes through writeFileSync).
        if (recording) return original.call(this, file, ...rest);
        const p = pathOf(file);
        // An exclusive create ('wx') never follows a symlink: it fails with EEXIST instead, so it may go through.
        const options = name.startsWith('open') ? rest[0] : rest[1];
        const flag = options && typeof options === 'object' ? options.flag : options;
        const exclusive = typeof flag === 'string' && flag.includes('x');
        if (p !== undefined && kind === 'write' && exclusive) {
          // Recorded as a create attempt; the nested openSync is not a read.
          record('fs.create', path.resolve(p));
          let exists = true;
          try {
            fs.lstatSync(p);
          } catch {
            exists = false;
          }
          // A new file (nothing there to fail on) must still be inside the allowed folders.
          if (!exists) refuseWriteOutside(path.resolve(p));
          recording = true;
          try {
            return original.call(this, file, ...rest);
          } finally {
            recording = false;
          }
        }
        if (p !== undefined) record(`fs.${kind}`, path.resolve(p));
        if (p !== undefined && kind === 'write') refuseWriteOutside(path.resolve(p));
        if (name === 'renameSync' || name === 'rename' || name === 'copyFileSync' || name === 'copyFile') {
          const to = pathOf(rest[0]);
          if (to !== undefined) record('fs.write', path.resolve(to));
        }
        return original.call(this, file, ...rest);
      };
    }
  }
}
