import { buildAdvisorCaseCard } from '../../cards/advisorCaseCard';
import type { CardAction, CardButton } from '../../cards/cardActions';
import { buildCasesWithColleaguesCard } from '../../cards/casesWithColleaguesCard';
import { buildDirectoryBusyCard, buildNoticeCard, buildRefusedCard } from '../../cards/noticeCard';
import type { OpenCaseFilter } from '../../handoff/handoffService';
import type { BotTurn } from '../botTurn';
import { adviserViewer, rememberAdviserSettings } from './adviserCaseHandlers';

/**
 * "zaken" / "cases": an adviser who has no card (yet) sees the open requests of their pools:
 * the ones nobody has taken and their own; "nieuwe zaken" / "unclaimed" and "mijn zaken" /
 * "my cases" narrow that down; "bij collega's" / "with colleagues" lists the others by code.
 */
export function listOpenCases(turn: BotTurn): Promise<void> {
  return showOpenCases(turn, 'all');
}

export function listUnclaimedCases(turn: BotTurn): Promise<void> {
  return showOpenCases(turn, 'unclaimed');
}

export function listMyCases(turn: BotTurn): Promise<void> {
  return showOpenCases(turn, 'mine');
}

/** "bij collega's" / "with colleagues": the rest of the pools' open requests, by code, on one card. */
export async function listCasesWithColleagues(turn: BotTurn): Promise<void> {
  const result = await turn.services.handoff.listCasesWithColleagues(turn.user.userId);
  if (result.outcome !== 'ok') {
    await sendListRefusal(turn, result.outcome);
    return;
  }
  await rememberAdviserSettings(turn);
  const buttons = otherListButtons(turn, 'withColleagues');
  if (result.cases.length === 0) {
    await turn.send(buildNoticeCard({ text: `${turn.t('advisor.openCases.none.withColleagues')} ${turn.t('advisor.openCases.filters')}`, buttons }));
    return;
  }
  // Not recorded as listed (recordListed): a code in a colleague's list is not a read of the case.
  await turn.send(buildCasesWithColleaguesCard(turn.cardContext, { cases: result.cases, timeZone: turn.clientTimeZone, buttons }));
}

async function showOpenCases(turn: BotTurn, filter: OpenCaseFilter): Promise<void> {
  const result = await turn.services.handoff.listOpenCasesFor(turn.user.userId, filter);
  if (result.outcome !== 'ok') {
    await sendListRefusal(turn, result.outcome);
    return;
  }
  await rememberAdviserSettings(turn);
  const howToFilter = turn.t('advisor.openCases.filters');
  const buttons = otherListButtons(turn, filter);
  if (result.cases.length === 0) {
    await turn.send(buildNoticeCard({ text: `${turn.t(`advisor.openCases.none.${filter}`)} ${howToFilter}`, buttons }));
    return;
  }
  const shown = result.cases.slice(0, 10);
  await turn.services.handoff.recordListed(shown, turn.user.userId);
  const cards = [];
  for (const handoffCase of shown) {
    const handOverCandidates = await turn.services.handoff.handOverCandidates(handoffCase, turn.user.userId);
    cards.push(buildAdvisorCaseCard(turn.cardContext, handoffCase, { ...adviserViewer(turn), handOverCandidates }, [turn.user.userId]));
  }
  await turn.send(
    buildNoticeCard({ text: `${turn.t(`advisor.openCases.title.${filter}`, { count: result.cases.length })} ${howToFilter}`, buttons }),
    ...cards,
  );
}

/** Why an adviser's list could not be shown: the directory did not answer in time, or the person is no adviser. */
async function sendListRefusal(turn: BotTurn, outcome: 'directoryBusy' | 'notAnAdvisor'): Promise<void> {
  await turn.send(outcome === 'directoryBusy' ? buildDirectoryBusyCard(turn.t) : buildRefusedCard(turn.t));
}

/** The lists an adviser can ask for: the open-case filters, and the cases colleagues have. */
type CaseList = OpenCaseFilter | 'withColleagues';

const LIST_BUTTONS: Readonly<Record<CaseList, CardAction>> = {
  all: { verb: 'cases.list' },
  unclaimed: { verb: 'cases.new' },
  mine: { verb: 'cases.mine' },
  withColleagues: { verb: 'cases.withColleagues' },
};

/** The other lists as buttons, answered by the same routes as the typed commands. */
function otherListButtons(turn: BotTurn, shown: CaseList): CardButton[] {
  return (Object.keys(LIST_BUTTONS) as CaseList[])
    .filter((other) => other !== shown)
    .map((other) => ({ title: turn.t(`advisor.openCases.button.${other}`), action: LIST_BUTTONS[other] }));
}
