import { randomUUID } from 'node:crypto';
import { rememberPersonalData } from './personalData';

/** Realistic Teams activities, shaped like what the Teams channel posts to /api/messages. */

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_ID = '28:6f6a1c3e-1b2d-4c5e-9f70-8a1b2c3d4e5f';

export interface TeamsUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email: string;
  readonly locale: string;
  readonly conversationId: string;
  readonly tenantId?: string;
}

export function teamsUser(name: string, locale = 'en-US', tenantId = TENANT_ID): TeamsUser {
  const aadObjectId = randomUUID();
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
  const user = {
    id: `29:1${randomUUID().replace(/-/g, '')}`,
    name,
    aadObjectId,
    email: `${slug}@umc.example`,
    locale,
    conversationId: `a:1${randomUUID().replace(/-/g, '')}`,
    tenantId,
  };
  rememberPersonalData(user.id, user.name, user.aadObjectId, user.email, user.conversationId);
  return user;
}

function base(user: TeamsUser, serviceUrl: string) {
  return {
    id: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { conversationType: 'personal', tenantId: user.tenantId, id: user.conversationId },
    recipient: { id: BOT_ID, name: 'Bystander support' },
    locale: user.locale,
    entities: [{ type: 'clientInfo', locale: user.locale, country: 'NL', platform: 'Web', timezone: 'Europe/Amsterdam' }],
    channelData: { tenant: { id: user.tenantId } },
  };
}

export function messageActivity(user: TeamsUser, serviceUrl: string, text: string) {
  rememberPersonalData(text);
  return { ...base(user, serviceUrl), type: 'message', textFormat: 'plain', text };
}

export function cardSubmitActivity(user: TeamsUser, serviceUrl: string, value: unknown, replyToId?: string) {
  rememberTypedValues(value);
  return {
    ...base(user, serviceUrl),
    type: 'message',
    value,
    replyToId,
    channelData: { tenant: { id: user.tenantId }, source: { name: 'message' }, legacy: { replyToId } },
  };
}

export function installActivity(user: TeamsUser, serviceUrl: string) {
  return {
    ...base(user, serviceUrl),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT_ID }],
  };
}

/** Action.Execute (Universal Actions) arrives as an invoke; the card in the response replaces the clicked one. */
export function adaptiveCardActionInvoke(user: TeamsUser, serviceUrl: string, verb: string, data: unknown) {
  rememberTypedValues(data);
  return {
    ...base(user, serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** What a person typed into card inputs (messages, replies, team names) counts as personal data too. */
function rememberTypedValues(value: unknown): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, field] of Object.entries(value)) {
    if (['message', 'reply', 'team', 'reason', 'contact', 'preferredPeriod', 'what', 'where', 'who', 'said', 'did'].includes(key) && typeof field === 'string') {
      rememberPersonalData(field);
    }
  }
}
