'use strict';
// restify requires spdy when it loads but calls it only when createServer() gets a `spdy` option,
// which this bot never passes (src/http/server.ts). Failing loudly beats a silent plain server.
exports.createServer = function createServer() {
  throw new Error('HTTP/2 over spdy is not available in this bot: restify was given a spdy option, but spdy is replaced by packages/spdy-unused.');
};
