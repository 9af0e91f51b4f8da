// Preloaded into the server under test (`node --require`): records every outgoing connection attempt in the file
// named by DOCKER_HARDEN_NETWORK_LOG and refuses it, so a test can assert the server never touched the network.
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const log = process.env.DOCKER_HARDEN_NETWORK_LOG;
function record(what) {
  if (log) fs.appendFileSync(log, what + '\n');
}
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = args[0];
  // IPC pipes and the stdio of the server are not network.
  if (options && typeof options === 'object' && options.path) return connect.apply(this, args);
  if (typeof options === 'string') return connect.apply(this, args);
  record(`connect ${JSON.stringify(options && (options.host || options.port) ? { host: options.host, port: options.port } : args.slice(0, 2))}`);
  throw new Error('network access is forbidden in this test');
};
const tlsConnect = tls.connect;
tls.connect = function (...args) {
  record('tls.connect');
  return tlsConnect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  record(`dns.lookup ${hostname}`);
  return lookup.call(this, hostname, ...rest);
};
