/**
 * Known advisories in our dependency tree, as the first patched version of each release line.
 * `npm audit` cannot run here (the registry mirror refuses the audit endpoint), so this table is
 * the offline record: test/dependencies/advisoryFloors.test.ts fails when any copy of a listed
 * package in the production tree of package-lock.json is below its floor. Add a row when an
 * advisory lands for something we ship; the README's "Dependencies and advisories" section says
 * which overrides carry the fixes and when each can go.
 */
export interface AdvisoryFloor {
  readonly name: string;
  /**
   * The first patched version on each release line (major; major.minor below 1.0). A version is
   * safe when the highest entry on its line or an older line is at or below it: a line older
   * than every entry got no fix, a line newer than an entry carries that entry's fix.
   */
  readonly firstPatched: readonly string[];
  readonly why: string;
  /** GHSA ids, or the upstream pull request where no GHSA id was published. */
  readonly sources: readonly string[];
}

export const ADVISORY_FLOORS: readonly AdvisoryFloor[] = [
  {
    name: 'uuid',
    firstPatched: ['11.1.1', '12.0.1', '13.0.1', '14.0.0'],
    why: 'v3/v5/v6 write past a caller-supplied buffer (missing bounds check); fixed in 14.0.0 and back-ported to 11.1.1, 12.0.1 and 13.0.1 only, so every 8.x, 9.x and 10.x is affected',
    sources: ['GHSA-w5hq-g745-h8pq (CVE-2026-41907)', 'microsoft/teams.ts#760'],
  },
  {
    name: 'find-my-way',
    firstPatched: ['8.2.2'],
    why: 'ReDoS in multi-parametric routes (restify 11 pins ^7.2.0, which never got the fix)',
    sources: ['GHSA-rrr8-f88r-h8q6 (CVE-2024-45813)', 'restify/node-restify#1978'],
  },
  {
    name: 'follow-redirects',
    firstPatched: ['1.16.0'],
    why: 'custom authentication headers are forwarded to a cross-domain redirect target',
    sources: ['GHSA-r4q5-vmmm-2653 (CVE-2026-40895)'],
  },
  {
    name: 'path-to-regexp',
    firstPatched: ['0.1.12', '1.9.0', '3.3.0', '6.3.0', '8.4.0'],
    why: 'backtracking regular expressions (ReDoS) from crafted route patterns; 8.0-8.3 again with optional groups and multiple wildcards',
    sources: ['GHSA-rhx6-c78j-4q9w', 'GHSA-9wv6-86v2-598j', 'GHSA-j3q9-mxjg-w52f (CVE-2026-4926)', 'GHSA-27v5-c462-wpq7 (CVE-2026-4923)'],
  },
  {
    name: 'axios',
    firstPatched: ['0.33.0', '1.19.0'],
    why: 'the 2026 findings: NO_PROXY bypass and header-injection SSRF (fixed 1.15.0 / 0.31.0), fetch-adapter size limit (1.16.0), and CVE-2026-67312 to -67321 (fixed 1.19.0 / 0.33.0)',
    sources: ['GHSA-3p68-rc4w-qgx5 (CVE-2025-62718)', 'GHSA-fvcv-3m26-pcqx', 'GHSA-777c-7fjr-54vf (CVE-2026-44488)', 'kiali/kiali#10228 (CVE-2026-67313, -67314, -67320, -67321)'],
  },
  {
    name: 'ws',
    firstPatched: ['7.5.12', '8.21.1'],
    why: 'DoS by many headers (7.5.10 / 8.17.1), memory exhaustion by tiny fragments and uninitialized memory disclosure (7.5.11 / 8.21.0), memory exhaustion by incomplete fragmented messages (8.21.1; 7.5.12 was released with it the same day)',
    sources: ['GHSA-3h5v-q93c-6h6q (CVE-2024-37890)', 'GHSA-96hv-2xvq-fx4p (CVE-2026-48779)', 'GHSA-58qx-3vcg-4xpx (CVE-2026-45736)', 'GHSA-73jw-fp74-p77x (CVE-2026-62389)'],
  },
  {
    name: '@azure/msal-node',
    firstPatched: ['2.9.2'],
    why: 'elevation of privilege in MSAL (2.7.0 to 2.9.1); versions before 5.x also pull uuid@8, which the uuid row catches',
    sources: ['GHSA-m5vv-6r4h-3vj9', 'AzureAD/microsoft-authentication-library-for-js#8552'],
  },
];
