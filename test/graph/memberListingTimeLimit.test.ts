import type { AccessToken, TokenCredential } from '@azure/identity';
import { GraphAdvisorGateway } from '../../src/graph/graphGateway';
import { OutboundCallError } from '../../src/handoff/advisorPorts';
import { createLogger } from '../../src/logging/logger';
import { LocalGraph } from '../support/localGraph';
import { contractFixture } from './advisorGateway.contract';

/**
 * The paging row: Graph's member listing ends at "100 pages or 30 s". advisorMembership.test.ts
 * proves the page limit and a repeated link; nothing proved the time limit, so a listing that
 * ignored it paged on until the page limit however long each page took. Here the page limit is
 * far away and the time limit 1 ms, with the first page slowed by the stand-in: the listing
 * stops after that page, as busy (retryable), not at the page limit.
 */
const TOKEN = 'eyJ0eXAiOiJKV1QifQ.local-graph-test-token.signature';
const credential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: TOKEN, expiresOnTimestamp: Date.now() + 60 * 60_000 };
  },
};

let graph: LocalGraph;
beforeAll(async () => {
  graph = await LocalGraph.start({ pageSize: 2, acceptedToken: TOKEN });
  graph.seedGroup(contractFixture.groupId, contractFixture.members);
});
afterAll(async () => {
  await graph.stop();
});

it('stops endless member paging at its time limit, long before its page limit, as a retryable failure', async () => {
  graph.setPagingLoop(contractFixture.groupId, 'endless');
  graph.failNext('/members', [{ delayMs: 20 }]);
  const gateway = new GraphAdvisorGateway({
    credential,
    logger: createLogger('silent'),
    baseUrl: graph.baseUrl,
    senderMailbox: 'vertrouwenspersonen@umc.example',
    timeoutMs: 2_000,
    maxMemberPages: 300,
    memberListingMs: 1,
  });
  let failure: unknown;
  try {
    await gateway.listGroupMembers(contractFixture.groupId);
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(OutboundCallError);
  expect((failure as OutboundCallError).retryable).toBe(true);
  expect(graph.calls.filter((call) => call.path.includes('/members')).length).toBeLessThan(5);
});
