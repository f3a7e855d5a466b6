import { ActivityTypes, CardFactory, type Activity, type TurnContext } from 'botbuilder';
import { cardContextFor, type CardContext } from '../cards/cardContext';
import { buildEmergencyCard } from '../cards/emergencyCard';
import type { CardRenderer, CardSpec } from '../cards/cardRenderer';
import type { AppContent } from '../content/appContent';
import type { Classifier } from '../guidance/classifier';
import { localeFromTag, type Locale, type Topic } from '../guidance/vocabulary';
import { createTranslator, type Translate } from '../i18n/translator';
import type { Logger } from '../logging/logger';
import type { PersonKeys } from '../preferences/personKeys';
import type { Preferences, PreferencesRepository } from '../preferences/preferences';
import type { PersonRecords } from '../preferences/personRecords';
import type { HandoffService } from '../handoff/handoffService';
import type { Clock } from '../handoff/clock';
import type { InsightEvent } from '../insights/insightEvents';
import type { InsightsSink } from '../insights/insightsRecorder';
import type { ProgrammeInsights } from '../insights/programmeInsights';
import type { AuditAccess } from '../audit/auditAccess';
import type { ReminderHours } from '../reminders/reminder';
import type { ReminderStore } from '../reminders/reminderStore';
import type { ActivityDeduplication } from './activityDeduplication';
import type { ConversationDirectory } from './conversationDirectory';
import type { FoundDangerQuestion, OpenDangerQuestion, OpenDangerQuestions } from './openDangerQuestions';
import { withoutInvisibleCharacters } from '../shared/invisibleCharacters';
import { isPersonalChat } from './conversationKind';

/** Everything long-lived that a turn may use, created once at start. */
export interface BotServices {
  readonly content: AppContent;
  readonly classifier: Classifier;
  readonly cards: CardRenderer;
  readonly preferences: PreferencesRepository;
  /** Every row filed under a person key, for forget me. */
  readonly personRecords: PersonRecords;
  readonly personKeys: PersonKeys;
  readonly logger: Logger;
  readonly defaultLocale: Locale;
  /** The language of what every adviser reads alike: the case cards in a pool's team channel. */
  readonly advisorLocale: Locale;
  readonly maxMessageChars: number;
  readonly handoff: HandoffService;
  readonly conversations: ConversationDirectory;
  readonly clock: Clock;
  readonly insights: InsightsSink;
  readonly programmeInsights: ProgrammeInsights;
  /** The audit trail for the auditors' group ("audit"). */
  readonly auditAccess: AuditAccess;
  /** How long the audit trail keeps its rows (AUDIT_RETENTION_DAYS), which the privacy card tells. */
  readonly auditRetentionDays: number;
  readonly deduplication: ActivityDeduplication;
  /** "Remind me to check in": the reminders waiting, and the local hours their choices stand for. */
  readonly reminders: ReminderStore;
  readonly reminderHours: ReminderHours;
  /** The danger question waiting for a typed answer, per person and chat, for minutes. */
  readonly dangerQuestions: OpenDangerQuestions;
}

/**
 * One incoming activity as the handlers see it: who (as a pseudonymous key), in which
 * language, and a way to answer with cards. Handlers never touch the activity directly.
 */
export class BotTurn {
  private translate: Translate;
  private currentLocale: Locale;
  /** The language this turn's message was written in (or, for a typed answer, the question's message), also when one was chosen. */
  private messageLocale: Locale | undefined;
  private cardForInvoke: CardSpec | undefined;
  private forgotten = false;
  /** The open danger question as this turn read it: closing it then needs no second read. */
  private foundDangerQuestion: FoundDangerQuestion | undefined;

  constructor(
    readonly context: TurnContext,
    readonly services: BotServices,
    readonly personKey: string,
    private currentPreferences: Preferences,
  ) {
    // A chosen language sticks; otherwise the language last written in, else the Teams locale.
    this.currentLocale =
      currentPreferences.locale ?? currentPreferences.lastLocale ?? localeFromTag(context.activity.locale, services.defaultLocale);
    this.translate = createTranslator(services.content.strings, this.currentLocale);
  }

  get locale(): Locale {
    return this.currentLocale;
  }

  /** The language of this turn's message (for a typed answer, the question's message), else the one answered in. */
  get messageLanguage(): Locale {
    return this.messageLocale ?? this.currentLocale;
  }

  get t(): Translate {
    return this.translate;
  }

  get preferences(): Preferences {
    return this.currentPreferences;
  }

  get cardContext(): CardContext {
    return { locale: this.currentLocale, t: this.translate, content: this.services.content };
  }

  /**
   * Answers in the language this message was written in (the classifier's, which is the
   * fallback it was given when it could not tell), unless the person chose one; remembered
   * as the last language used, for the buttons and messages that follow.
   */
  async answerInLanguageOf(messageLocale: Locale): Promise<void> {
    this.messageLocale = messageLocale;
    if (this.currentPreferences.locale) return;
    this.useLocale(messageLocale);
    if (this.currentPreferences.lastLocale !== messageLocale) {
      this.currentPreferences = await this.services.preferences.update(this.personKey, { lastLocale: messageLocale });
    }
  }

  private useLocale(locale: Locale): void {
    if (locale === this.currentLocale) return;
    this.currentLocale = locale;
    this.translate = createTranslator(this.services.content.strings, locale);
  }

  async updatePreferences(change: Preferences): Promise<void> {
    this.currentPreferences = await this.services.preferences.update(this.personKey, change);
    if (change.locale) this.useLocale(change.locale);
  }

  /**
   * The person behind the turn, as Teams identifies them; used only where they chose to be named.
   * The name is shown to an adviser, so it loses the characters nobody sees, as typed text does.
   */
  get user(): { readonly userId: string; readonly displayName: string } {
    const from = this.context.activity.from;
    return { userId: from?.aadObjectId ?? from?.id ?? '', displayName: withoutInvisibleCharacters((from?.name ?? '').toWellFormed()).trim() };
  }

  /** The IANA time zone Teams names in the activity's clientInfo entity; anything else is ignored. */
  get clientTimeZone(): string | undefined {
    const timeZone = this.context.activity.entities?.find((entity) => entity.type === 'clientInfo')?.timezone;
    if (typeof timeZone !== 'string' || timeZone.length > 64) return undefined;
    try {
      // Intl accepts any casing ("eUrOpe/AmsterDam"); the canonical name keeps one spelling per zone.
      return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
    } catch {
      return undefined;
    }
  }

  /** A one-to-one chat with the bot; a team channel or group chat is read by everyone in it. */
  get inPersonalChat(): boolean {
    return isPersonalChat(this.context.activity);
  }

  /** After "forget me", nothing more may be written for this person during the turn. */
  forgetThisPerson(): void {
    this.forgotten = true;
  }

  get isForgotten(): boolean {
    return this.forgotten;
  }

  /** Adds to the programme's anonymous weekly counters: labels only, never who or what was written. */
  recordInsight(event: InsightEvent): void {
    // After "forget me" the turn's events still count, but no longer as this person's.
    this.services.insights.record(event, this.services.clock.now(), this.forgotten ? undefined : this.personKey);
  }

  /** Remembers, for a few minutes, that this person was asked the danger question in this chat (src/bot/openDangerQuestions.ts). */
  async rememberDangerQuestion(question: Omit<OpenDangerQuestion, 'locale'>, cardId: string | undefined): Promise<void> {
    if (this.forgotten) return;
    this.foundDangerQuestion = undefined;
    await this.services.dangerQuestions.remember(this.personKey, this.conversationId, { ...question, locale: this.messageLanguage }, cardId, {
      inOwnChat: this.inPersonalChat,
    });
  }

  /** The danger question this person was asked in this chat and has not answered, while it counts. */
  async openDangerQuestion(): Promise<FoundDangerQuestion | undefined> {
    this.foundDangerQuestion = await this.services.dangerQuestions.find(this.personKey, this.conversationId);
    return this.foundDangerQuestion;
  }

  /**
   * `pressedCardId`: the card whose button answered it (replyToId); typed answers and other cards close whichever is open.
   * A question this turn found is closed by the etag it was read with, without a second read.
   */
  async closeDangerQuestion(pressedCardId?: string): Promise<void> {
    const found = this.foundDangerQuestion;
    this.foundDangerQuestion = undefined;
    await this.services.dangerQuestions.close(this.personKey, this.conversationId, pressedCardId, found);
  }

  private get conversationId(): string {
    return this.context.activity.conversation?.id ?? '';
  }

  /** Whether this is the first answer on the card the person clicked (Teams sends the card's id as replyToId). */
  async isFirstAnswerOnThisCard(answer: string): Promise<boolean> {
    const { replyToId, conversation } = this.context.activity;
    if (!replyToId) return true;
    return this.services.deduplication.isFirst(conversation?.id ?? '', `${answer}:${replyToId}`);
  }

  /**
   * The emergency card, which goes before anything else whenever something may be urgent:
   * in the language of the message that raised it (also when the person chose another). A topic
   * adds its own helplines, such as Centrum Seksueel Geweld for sexual violence.
   */
  async showEmergencyRoute(situation: { readonly topic?: Topic | null; readonly locale?: Locale } = {}): Promise<void> {
    this.recordInsight({ kind: 'urgentRouteShown' });
    const locale = situation.locale ?? this.messageLocale ?? this.currentLocale;
    const context = locale === this.currentLocale ? this.cardContext : cardContextFor(this.services.content, locale);
    await this.send(buildEmergencyCard(context, { topic: situation.topic }));
  }

  /** An Action.Execute is answered with a card that replaces the one clicked. */
  respondWithCard(spec: CardSpec): void {
    this.cardForInvoke = spec;
  }

  get invokeResponseCard(): CardSpec | undefined {
    return this.cardForInvoke;
  }

  /** Sends the cards as consecutive messages, in order, in one round trip to the connector; the ids they got in the chat. */
  async send(...specs: CardSpec[]): Promise<(string | undefined)[]> {
    const activities: Partial<Activity>[] = specs.map((spec) => ({
      type: ActivityTypes.Message,
      attachments: [CardFactory.adaptiveCard(this.services.cards.render(spec))],
    }));
    const sent = await this.context.sendActivities(activities);
    return specs.map((_, index) => sent[index]?.id || undefined);
  }
}
