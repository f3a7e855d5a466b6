import type { z } from 'zod';
import { buildCodeOfConductCard, buildPrivacyCard, buildReportingCard, buildTrainingCard } from '../../cards/infoCards';
import { buildNoticeCard } from '../../cards/noticeCard';
import { buildWelcomeCard } from '../../cards/welcomeCard';
import type { BotTurn } from '../botTurn';
import type { localePayload } from '../cardPayloads';

export async function showWelcome(turn: BotTurn): Promise<void> {
  await turn.send(buildWelcomeCard(turn.cardContext));
}

export async function showCodeOfConduct(turn: BotTurn): Promise<void> {
  await turn.send(buildCodeOfConductCard(turn.cardContext));
}

export async function showReporting(turn: BotTurn): Promise<void> {
  await turn.send(buildReportingCard(turn.cardContext));
}

export async function showTraining(turn: BotTurn): Promise<void> {
  await turn.send(buildTrainingCard(turn.cardContext));
}

export async function showPrivacy(turn: BotTurn): Promise<void> {
  await turn.send(buildPrivacyCard(turn.cardContext, { auditRetentionDays: turn.services.auditRetentionDays }));
}

export async function setLocale(turn: BotTurn, payload: z.infer<typeof localePayload>): Promise<void> {
  await turn.updatePreferences({ locale: payload.locale });
  await turn.send(buildNoticeCard({ text: turn.t('language.switched') }), buildWelcomeCard(turn.cardContext));
}

/** The "taal" / "language" command: switches to the other language. */
export async function toggleLocale(turn: BotTurn): Promise<void> {
  await setLocale(turn, { locale: turn.locale === 'nl' ? 'en' : 'nl' });
}

/** Something for one person asked for in a team channel or group chat: everyone there would read the answer. */
export async function showPersonalChatOnly(turn: BotTurn): Promise<void> {
  const { t } = turn;
  await turn.send(buildNoticeCard({ title: t('notice.personalChatOnly.title'), text: t('notice.personalChatOnly.text') }));
}

/** A button whose data is unknown, stale or tampered with: say so, reveal nothing, offer the menu. */
export async function showExpiredCard(turn: BotTurn): Promise<void> {
  const { t } = turn;
  await turn.send(buildNoticeCard({ title: t('notice.expired.title'), text: t('notice.expired.text') }), buildWelcomeCard(turn.cardContext));
}
