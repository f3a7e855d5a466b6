import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Card } from './conversation';
import { CONTENT_DIR } from './sampleCards';
import { postToBot } from './postToBot';
import { adaptiveCardActionInvoke, type TeamsUser } from './teamsActivities';
import type { RunningBot } from './botHarness';

/** The confidential advisers' pool's team channel, as adviser-pools.json names it. */
export interface PoolChannel {
  readonly teamId: string;
  readonly channelId: string;
}

export const POOL_CHANNEL: PoolChannel = { teamId: '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b', channelId: '19:vertrouwenspersonen0kanaal@thread.tacv2' };

/** A copy of the production content whose confidential advisers' pool has this team channel; the caller removes it. */
export function contentWithPoolChannel(channel: Record<string, string> = { ...POOL_CHANNEL }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-channel-'));
  fs.cpSync(CONTENT_DIR, dir, { recursive: true });
  const file = path.join(dir, 'adviser-pools.json');
  const pools = JSON.parse(fs.readFileSync(file, 'utf8'));
  pools.pools.find((pool: { id: string }) => pool.id === 'confidential-advisers').channel = channel;
  fs.writeFileSync(file, JSON.stringify(pools, null, 2));
  return dir;
}

/** Action.Execute pressed on a card in a thread of the pool's channel: Teams names the channel and the thread. Returns the card shown in its place. */
export async function pressInPoolChannel(
  bot: Pick<RunningBot, 'messagesUrl' | 'connector'>,
  adviser: TeamsUser,
  threadId: string,
  verb: string,
  data: Record<string, unknown>,
  { teamId, channelId }: PoolChannel = POOL_CHANNEL,
): Promise<Card | undefined> {
  const invoke = adaptiveCardActionInvoke(adviser, bot.connector.url, verb, data);
  const inChannel = {
    ...invoke,
    conversation: { conversationType: 'channel', isGroup: true, tenantId: invoke.conversation.tenantId, id: `${channelId};messageid=${threadId}` },
    channelData: { ...invoke.channelData, channel: { id: channelId }, team: { id: teamId } },
  };
  const response = await postToBot(bot, inChannel);
  if (response.status !== 200) throw new Error(`invoke answered HTTP ${response.status}`);
  return ((await response.json()) as { value?: Card }).value;
}
