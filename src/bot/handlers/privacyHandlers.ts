import { buildNoticeCard } from '../../cards/noticeCard';
import type { BotTurn } from '../botTurn';
import { showPersonalChatOnly } from './infoHandlers';

/** "Forget me": asks first, refuses while a request is open, then deletes and anonymises. */
export async function askToForget(turn: BotTurn): Promise<void> {
  const { t } = turn;
  await turn.send(
    buildNoticeCard({
      title: t('forget.title'),
      text: t('forget.confirm'),
      buttons: [
        { title: t('forget.button'), action: { verb: 'forget.confirm' } },
        { title: t('common.menu'), action: { verb: 'welcome.show' } },
      ],
    }),
  );
}

export async function forgetPerson(turn: BotTurn): Promise<void> {
  const { t } = turn;
  const result = await turn.services.handoff.forgetRequester(turn.personKey);
  if (result.outcome === 'hasOpenCase') {
    // The answer names the open request's code: the route is personal, and so is this answer whatever leads here.
    if (!turn.inPersonalChat) return showPersonalChatOnly(turn);
    await turn.send(
      buildNoticeCard({
        text: t('forget.openCase', { code: result.handoffCase.code }),
        buttons: [{ title: t('handoff.button.status'), action: { verb: 'handoff.status' } }],
      }),
    );
    return;
  }
  // Before the rows go, so the store's erasure of deleted residue also covers the replaced insights row.
  await turn.services.insights.forget(turn.personKey, turn.services.clock.now());
  await turn.services.personRecords.forget(turn.personKey);
  turn.forgetThisPerson();
  await turn.send(buildNoticeCard({ title: t('forget.title'), text: t(result.cases === 1 ? 'forget.done.one' : 'forget.done.other', { count: result.cases }) }));
}
