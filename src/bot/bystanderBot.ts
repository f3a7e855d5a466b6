import {
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { buildNoticeCard, buildRefusedCard } from '../cards/noticeCard';
import { buildWelcomeCard } from '../cards/welcomeCard';
import { localeFromTag } from '../guidance/vocabulary';
import { createTranslator } from '../i18n/translator';
import { BotTurn, type BotServices } from './botTurn';
import { dispatch, type Incoming } from './dispatch';
import { rememberIfAdviser } from './handlers/adviserCaseHandlers';
import { isPersonalChat } from './conversationKind';
import { withoutInvisibleCharacters } from '../shared/invisibleCharacters';

/**
 * Translates Teams activities into the dispatch steps' input (src/bot/dispatch.ts, which
 * decides *which* row of the routing table answers); the handlers and the domain decide *what*.
 */
export class BystanderBot extends TeamsActivityHandler {
  constructor(private readonly services: BotServices) {
    super();

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const { activity } = context;
      const botWasAdded = (activity.membersAdded ?? []).some((member) => member.id === activity.recipient.id);
      // A welcome in a team channel would reach everyone; only personal chats get one.
      if (botWasAdded && isPersonalChat(activity)) {
        const turn = await this.startTurn(context);
        await turn.send(buildWelcomeCard(turn.cardContext));
        await rememberIfAdviser(turn);
      }
      await next();
    });
  }

  private async startTurn(context: TurnContext): Promise<BotTurn> {
    const userId = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'anonymous';
    const key = this.services.personKeys.keyFor(userId);
    const [preferences] = await Promise.all([
      this.services.preferences.get(key),
      // Kept so the bot can answer later: advisor updates, relayed messages, escalations.
      this.services.conversations.remember(key, context.activity),
    ]);
    return new BotTurn(context, this.services, key, preferences);
  }

  /** Universal Actions (Action.Execute) from advisor cards, answered with the refreshed card. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = await this.startTurn(context);
    const { verb, data } = invokeValue.action ?? {};
    await dispatch(turn, { kind: 'invoke', verb, data });
    const card = turn.invokeResponseCard ?? buildRefusedCard(turn.t);
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: this.services.cards.render(card) as unknown as AdaptiveCardInvokeResponse['value'],
    };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = await this.startTurn(context);
    await dispatch(turn, incomingMessage(context.activity));
  }
}

/** Action.Submit arrives as a message whose value holds the button's data; otherwise it is typed text or neither. */
function incomingMessage(activity: Activity): Incoming {
  const { value } = activity;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'verb' in value) {
    return { kind: 'submit', value: value as Record<string, unknown> };
  }
  // Well-formed first, as card inputs are (cardPayloads.ts, writtenText): an unpaired surrogate is written as six characters.
  const text = typeof activity.text === 'string' ? withoutInvisibleCharacters(TurnContext.removeRecipientMention(activity).toWellFormed()).trim() : '';
  const withFiles = carriesFiles(activity);
  return text === '' ? { kind: 'other', withFiles } : { kind: 'text', text, withFiles };
}

/**
 * Pictures or files beside the text; Teams adds a `text/html` copy of every formatted message, which is the text itself.
 * Read as untrusted: the list comes from the client, so anything but a list of objects counts as no file.
 */
function carriesFiles(activity: Activity): boolean {
  const attachments: unknown = activity.attachments;
  if (!Array.isArray(attachments)) return false;
  return attachments.some((attachment: unknown) => typeof attachment === 'object' && attachment !== null && (attachment as { contentType?: unknown }).contentType !== 'text/html');
}

/** The reply for a turn that failed unexpectedly: an apology in the person's language, with the emergency number. */
export function buildApologyActivity(services: BotServices, activity: Partial<Activity>): Partial<Activity> {
  const t = createTranslator(services.content.strings, localeFromTag(activity.locale, services.defaultLocale));
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: services.cards.render(
          buildNoticeCard({
            title: t('notice.error.title'),
            text: t('notice.error.text', { emergency: services.content.organisation.phoneNumbers.emergency.number }),
          }),
        ),
      },
    ],
  };
}
