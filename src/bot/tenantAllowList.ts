import { ActivityTypes, CardFactory, type Middleware, type TurnContext } from 'botbuilder';
import type { CardRenderer } from '../cards/cardRenderer';
import { buildNoticeCard } from '../cards/noticeCard';
import type { Content } from '../content/loadContent';
import { localeFromTag, type Locale } from '../guidance/vocabulary';
import { createTranslator } from '../i18n/translator';
import { activityTypeLabel } from '../logging/activityTypeLabel';
import type { Logger } from '../logging/logger';

/**
 * The first middleware: activities from a tenant that is not on the allow-list, or that name two
 * tenants, get one polite notice (for messages) and go no further, so nothing about them is read
 * or stored.
 */
export class TenantAllowList implements Middleware {
  /** @param allowedTenantIds in lower case, as config.ts gives them; empty lets every tenant in. */
  constructor(
    private readonly allowedTenantIds: readonly string[],
    private readonly content: Content,
    private readonly cards: CardRenderer,
    private readonly defaultLocale: Locale,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const tenant = tenantOf(context);
    if (tenant !== CONFLICTING && (this.allowedTenantIds.length === 0 || tenant !== undefined && this.allowedTenantIds.includes(tenant))) return next();
    this.logger.info({ event: 'tenantRefused', activityType: activityTypeLabel(context.activity.type) }, 'activity from a tenant that is not allowed');
    const { type, name } = context.activity;
    if (type === ActivityTypes.Invoke) {
      // An invoke nobody answers becomes a 501; a card button gets the notice in place of the card, anything else a 403.
      const value =
        name === 'adaptiveCard/action'
          ? { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: this.notice(context) } }
          : { status: 403 };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
      return;
    }
    if (type !== ActivityTypes.Message) return;
    await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(this.notice(context))] });
  }

  private notice(context: TurnContext): object {
    const t = createTranslator(this.content.strings, localeFromTag(context.activity.locale, this.defaultLocale));
    return this.cards.render(buildNoticeCard({ text: t('notice.tenant.text') }));
  }
}

/** An activity whose channelData and conversation name different tenants: refused, whatever the allow-list. */
const CONFLICTING = Symbol('conflicting tenants');

/**
 * Teams names the tenant in channelData on incoming activities and in the conversation on most of
 * them; the bot's own proactive turns (advisor cards, updates, relayed messages) are built from a
 * stored conversation reference, which has only the conversation's. Either names it; when both do
 * they must agree, because the stored chat address keeps the conversation's tenant and a
 * request's adviser cards are created in it. Tenant ids are GUIDs, compared without case.
 */
function tenantOf(context: TurnContext): string | undefined | typeof CONFLICTING {
  const { activity } = context;
  const fromChannel = tenantId((activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id);
  const ofConversation = tenantId(activity.conversation?.tenantId);
  if (fromChannel && ofConversation && fromChannel !== ofConversation) return CONFLICTING;
  return fromChannel ?? ofConversation;
}

/** A tenant id as the allow-list holds it (lower case), or undefined for anything that is not one. */
function tenantId(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined;
}
