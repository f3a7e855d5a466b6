'use strict';
/**
 * Preloaded (`node -r`) into the Agents Playground's own process by scripts/playground.ts. The Playground has no host
 * option and calls `server.listen(port, callback)`, which is every interface; its page chats with the bot as its mock
 * user, who may be a local adviser or programme lead (LOCAL_ADVISORS, LOCAL_PROGRAMME_LEADS). So every TCP listener of
 * this process is bound to 127.0.0.1, as the bot is without an app id: nobody else on the network reaches the page, its
 * connector or its WebSocket (red team, stop 33 #3). Plain JavaScript, because the Playground runs without ts-node.
 */
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const listenOnAnyHost = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopbackOnly(...args) {
  return listenOnAnyHost.apply(this, onLoopback(args));
};

/** The same listen arguments with a TCP port bound to loopback; a pipe, file descriptor or inherited handle unchanged. */
function onLoopback(args) {
  const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  const values = callback ? args.slice(0, -1) : args;
  const [first] = values;
  const withCallback = (options) => (callback ? [options, callback] : [options]);
  if (first !== null && typeof first === 'object') {
    const notATcpPort = first.path !== undefined || first.handle !== undefined || first.fd !== undefined || '_handle' in first;
    return notATcpPort ? args : withCallback({ ...first, host: LOOPBACK });
  }
  if (typeof first === 'string' && (first.trim() === '' || Number.isNaN(Number(first)))) return args; // a pipe's path
  // listen(port, host, backlog) or listen(port, backlog), as Node reads them; the host asked for is replaced.
  const backlog = typeof values[1] === 'string' ? values[2] : values[1];
  return withCallback({ port: first ?? 0, host: LOOPBACK, ...(typeof backlog === 'number' ? { backlog } : {}) });
}
