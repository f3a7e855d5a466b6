import { buildNoticeCard } from '../../cards/noticeCard';
import type { BotTurn } from '../botTurn';

/** Until the advisor handoff lands, point people to the confidential advisers directly. */
export async function startHandoff(turn: BotTurn): Promise<void> {
  const { t, locale } = turn;
  const advisers = turn.services.content.organisation.helpRoutes['confidential-adviser'];
  await turn.send(
    buildNoticeCard({
      title: t('notice.comingSoon.title'),
      text: t('notice.comingSoon.talk', { helpRoute: advisers.name[locale] }),
      links: [{ title: t('notice.contactAdvisers'), url: advisers.link[locale] }],
      buttons: [{ title: t('common.menu'), action: { verb: 'welcome.show' } }],
    }),
  );
}

export async function requestTeamDialog(turn: BotTurn): Promise<void> {
  const { t } = turn;
  await turn.send(
    buildNoticeCard({
      title: t('notice.comingSoon.title'),
      text: t('notice.comingSoon.teamDialog'),
      buttons: [{ title: t('common.menu'), action: { verb: 'welcome.show' } }],
    }),
  );
}
