import type { HandoffCase } from '../../src/handoff/handoffCase';
import type { RunningBot } from './botHarness';

/** The danger question's text in either language, as a card shows it (src/bot/handlers/flowHandlers.ts asks it). */
export const DANGER_QUESTION = /Is anyone in immediate danger right now|Is er op dit moment iemand in direct gevaar/;

/** The emergency card's title in either language: danger `now` shows it first. */
export const EMERGENCY_CARD = /Safety first|Veiligheid eerst/;

/** A case as the bot stored it, to see whether an answer marked the person's request urgent. */
export async function storedCase(bot: RunningBot, caseId: string): Promise<HandoffCase> {
  return (await bot.app.store.get<HandoffCase>('cases', 'case', caseId))!.value;
}
