import { adaptiveCardActionInvoke, cardSubmitActivity, installActivity, messageActivity, type TeamsUser } from './teamsActivities';
import type { RunningBot } from './botHarness';
import { postToBot } from './postToBot';

export type Card = Record<string, any>;

/** Ids of every activity the tests posted: a bot message that answers none of them was sent proactively. */
const postedActivityIds = new Set<string>();

export interface BotReply {
  readonly card?: Card;
  readonly text?: string;
  /** The id the message got in the chat: Teams names it as replyToId when a button on it is clicked. */
  readonly id?: string;
}

/** What a conversation needs of a bot: where to post, and the connector its answers reach (a bot in this process or its own). */
export type ChattingBot = Pick<RunningBot, 'messagesUrl' | 'connector'>;

/**
 * Tests written as conversations: a Teams user says something or clicks a button, and
 * reads the cards the bot sent back through the local connector.
 */
export class Conversation {
  private lastReplies: BotReply[] = [];

  constructor(
    private readonly bot: ChattingBot,
    readonly user: TeamsUser,
  ) {}

  async installs(): Promise<BotReply[]> {
    return this.post(installActivity(this.user, this.bot.connector.url));
  }

  async says(text: string): Promise<BotReply[]> {
    return this.post(messageActivity(this.user, this.bot.connector.url, text));
  }

  /** Clicks the Action.Submit button with this title on the most recent card that has one. */
  async clicks(title: string): Promise<BotReply[]> {
    const { data, replyId } = findSubmitData(this.lastReplies, title);
    return this.submits(data, replyId);
  }

  async submits(value: unknown, replyToId?: string): Promise<BotReply[]> {
    return this.post(cardSubmitActivity(this.user, this.bot.connector.url, value, replyToId));
  }

  /** Presses an Action.Execute button; returns the card Teams would show in its place. */
  async executes(verb: string, data: unknown): Promise<Card | undefined> {
    const activity = adaptiveCardActionInvoke(this.user, this.bot.connector.url, verb, data);
    postedActivityIds.add(activity.id);
    const response = await postToBot(this.bot, activity);
    if (response.status !== 200) throw new Error(`invoke answered HTTP ${response.status}`);
    const body = (await response.json()) as { value?: Card };
    return body.value;
  }

  /** Cards the bot sent to this user's chat outside a reply (proactive messages), oldest first. */
  proactiveCards(): Card[] {
    return this.bot.connector.calls
      .filter(
        (call) =>
          call.conversationId === this.user.conversationId &&
          call.method === 'POST' &&
          !postedActivityIds.has(call.replyToId ?? ''),
      )
      .map((call) => call.activity.attachments?.[0]?.content)
      .filter(Boolean);
  }

  async post(activity: { id: string }): Promise<BotReply[]> {
    postedActivityIds.add(activity.id);
    const response = await postToBot(this.bot, activity);
    if (response.status >= 300) throw new Error(`bot answered HTTP ${response.status}`);
    // CloudAdapter answers the POST after the turn has finished, so every reply has arrived.
    this.lastReplies = this.bot.connector.repliesTo(activity.id).map((call) => ({
      card: call.activity.attachments?.[0]?.content,
      text: call.activity.text,
      id: call.id,
    }));
    return this.lastReplies;
  }
}

export function allActions(card: Card): Card[] {
  const found: Card[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Card;
      if (typeof record.type === 'string' && record.type.startsWith('Action.')) found.push(record);
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}

export function buttonTitles(reply: BotReply): string[] {
  return reply.card ? allActions(reply.card).map((action) => action.title as string) : [];
}

/** All visible text of a card, joined, for assertions such as "the card mentions 112". */
export function cardText(reply: BotReply | undefined): string {
  const parts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Card;
      for (const key of ['text', 'title', 'value']) if (typeof record[key] === 'string') parts.push(record[key]);
      for (const [key, value] of Object.entries(record)) if (key !== 'data') visit(value);
    }
  };
  visit(reply?.card);
  return parts.join('\n');
}

function findSubmitData(replies: BotReply[], title: string): { data: unknown; replyId?: string } {
  for (const reply of [...replies].reverse()) {
    const action = reply.card && allActions(reply.card).find((candidate) => candidate.type === 'Action.Submit' && candidate.title === title);
    if (action) return { data: action.data, replyId: reply.id };
  }
  const available = replies.flatMap(buttonTitles).join(', ');
  throw new Error(`No button "${title}" on the last cards; buttons: ${available}`);
}
