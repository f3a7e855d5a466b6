import {
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { z } from 'zod';
import { buildNoticeCard } from '../cards/noticeCard';
import { buildWelcomeCard } from '../cards/welcomeCard';
import { detectLocale } from '../guidance/languageDetection';
import { localeFromTag } from '../guidance/vocabulary';
import { createTranslator } from '../i18n/translator';
import { personKey } from '../preferences/preferences';
import { BotTurn, type BotServices } from './botTurn';
import { relayRequesterMessage, rememberIfAdviser } from './handlers/handoffHandlers';
import { showExpiredCard } from './handlers/infoHandlers';
import { findCommandRoute, findIntentRoute, findRoute, type Route } from './routes';

/**
 * Translates Teams activities into routed handler calls. It decides only *which* row of
 * the routing table answers; the handlers and the domain decide *what* to answer.
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
      const isPersonalChat = (activity.conversation.conversationType ?? 'personal') === 'personal';
      if (botWasAdded && isPersonalChat) {
        const turn = await this.startTurn(context);
        await turn.send(buildWelcomeCard(turn.cardContext));
        await rememberIfAdviser(turn);
      }
      await next();
    });
  }

  private async startTurn(context: TurnContext): Promise<BotTurn> {
    const userId = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'anonymous';
    const key = personKey(userId);
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
    const target = typeof verb === 'string' && verb.startsWith('case.') ? findRoute(verb) : undefined;
    const payload = data && typeof data === 'object' ? data : {};
    const parsed = target?.payload.safeParse(payload);
    if (target && parsed?.success) await target.handle(turn, parsed.data);
    const card =
      turn.invokeResponseCard ??
      buildNoticeCard({ title: turn.t('advisor.refused.title'), text: turn.t('advisor.refused.text') });
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: this.services.cards.render(card) as unknown as AdaptiveCardInvokeResponse['value'],
    };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = await this.startTurn(context);
    const { activity } = context;
    if (isCardSubmit(activity)) {
      await this.handleCardAction(turn, activity.value as Record<string, unknown>);
      return;
    }
    const text = typeof activity.text === 'string' ? TurnContext.removeRecipientMention(activity as Activity) : '';
    if (typeof text === 'string' && text.trim() !== '') {
      await this.handleText(turn, text.trim());
      return;
    }
    await turn.send(buildNoticeCard({ text: turn.t('notice.unsupported.text') }), buildWelcomeCard(turn.cardContext));
  }

  private async handleCardAction(turn: BotTurn, value: Record<string, unknown>): Promise<void> {
    const { verb, msteams: _teamsMetadata, ...payload } = value;
    const target = findRoute(verb);
    this.services.logger.debug({ event: 'cardAction', verb: target ? verb : 'unknown' }, 'card action');
    if (!target) return showExpiredCard(turn);
    await runRoute(turn, target, payload);
  }

  private async handleText(turn: BotTurn, text: string): Promise<void> {
    const { classifier, maxMessageChars } = this.services;
    // Someone who writes in the other language than their Teams is set to gets answers in
    // the language they write, also after the next button, until they choose otherwise.
    const written = detectLocale(text);
    if (written && written !== turn.locale && !turn.preferences.locale) await turn.updatePreferences({ locale: written });
    const command = findCommandRoute(text);
    if (!command && (await this.relayToAdvisor(turn, text))) return;
    if (command) {
      this.services.logger.debug({ event: 'command' }, 'typed command');
      if (command.intent) turn.recordInsight({ kind: 'intent', intent: command.intent });
      return runRoute(turn, command, {});
    }
    if (text.length > maxMessageChars) {
      // Safety is checked on the whole text before the length is refused.
      if (classifier.isUrgent(text)) await turn.showEmergencyRoute();
      await turn.send(
        buildNoticeCard({ title: turn.t('notice.tooLong.title'), text: turn.t('notice.tooLong.text', { maxChars: maxMessageChars }) }),
      );
      return;
    }
    const classification = await classifier.classify(text, { fallbackLocale: turn.locale });
    turn.useLocaleForThisTurn(classification.locale);
    this.services.logger.debug(
      { event: 'classified', intent: classification.intent, topic: classification.topic, urgent: classification.urgent },
      'message classified',
    );
    turn.recordInsight({ kind: 'intent', intent: classification.intent });
    if (classification.urgent) await turn.showEmergencyRoute(classification.topic);
    const target = findIntentRoute(classification.intent);
    await runRoute(turn, target, target.fromText?.(classification) ?? {});
  }

  /** During an anonymous case with an advisor, what the person writes goes to that advisor. */
  private async relayToAdvisor(turn: BotTurn, text: string): Promise<boolean> {
    return relayRequesterMessage(turn, text);
  }

}

async function runRoute(turn: BotTurn, target: Route<z.ZodType>, payload: unknown): Promise<void> {
  const parsed = target.payload.safeParse(payload);
  if (!parsed.success) return showExpiredCard(turn);
  await target.handle(turn, parsed.data);
}

/** Action.Submit arrives as a message whose value holds the button's data. */
function isCardSubmit(activity: Activity): boolean {
  return activity.value !== null && typeof activity.value === 'object' && !Array.isArray(activity.value) && 'verb' in activity.value;
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
