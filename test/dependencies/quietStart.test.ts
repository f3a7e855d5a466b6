import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Quiet by default: loading the production stack prints nothing. restify used to load the real
 * `spdy`, whose `http-deceiver` triggered DEP0111 on every start; packages/spdy-unused stands in.
 */
const ROOT = path.resolve(__dirname, '..', '..');

function loadInFreshNode(code: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('starting the production stack', () => {
  it('prints no deprecation or other warning when restify, botbuilder, the Graph client and the telemetry distro load', () => {
    const run = loadInFreshNode(
      "require('restify'); require('botbuilder'); require('botframework-connector'); require('@microsoft/microsoft-graph-client'); require('@azure/monitor-opentelemetry'); require('@azure/data-tables'); console.log('loaded')",
    );
    expect(run).toEqual({ status: 0, stdout: 'loaded\n', stderr: '' });
  });

  it('gives restify the stand-in spdy, which refuses to serve HTTP/2 rather than serve something else', () => {
    const run = loadInFreshNode(
      "const restify = require('restify'); try { restify.createServer({ spdy: {} }); console.log('served') } catch (e) { console.log(e.message) }",
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('HTTP/2 over spdy is not available in this bot');
  });
});
