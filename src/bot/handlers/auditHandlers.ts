import type { z } from 'zod';
import type { AuditLine, AuditReadOutcome } from '../../audit/auditAccess';
import { buildDirectoryBusyCard, buildNoticeCard } from '../../cards/noticeCard';
import { formatMoment } from '../../i18n/formatMoment';
import type { BotTurn } from '../botTurn';
import type { auditCasePayload } from '../cardPayloads';

/** Buttons for the cases in the latest rows; the rest is `npm run audit`. */
const MAX_CASE_BUTTONS = 5;

/** "audit": the auditors' view of the latest rows of the audit trail, with a button per case. */
export async function showRecentAudit(turn: BotTurn): Promise<void> {
  const result = await turn.services.auditAccess.recent(turn.user.userId);
  if (result.outcome !== 'ok') return refuse(turn, result);
  if (result.lines.length === 0) {
    await turn.send(buildNoticeCard({ title: turn.t('audit.recent.title'), text: turn.t('audit.recent.none') }));
    return;
  }
  const cases = [...new Map(result.lines.map((line) => [line.caseKey, line])).values()].slice(0, MAX_CASE_BUTTONS);
  await turn.send(
    buildNoticeCard({
      title: turn.t('audit.recent.title'),
      text: [turn.t('audit.recent.intro', { count: result.lines.length }), ...result.lines.map((line) => describe(turn, line))].join('\n\n'),
      buttons: cases.map((line) => ({ title: turn.t('audit.caseButton', { code: caseName(turn, line) }), action: { verb: 'audit.case', caseKey: line.caseKey } })),
    }),
  );
}

/** The whole trail of one case, oldest first. */
export async function showCaseAudit(turn: BotTurn, payload: z.infer<typeof auditCasePayload>): Promise<void> {
  const result = await turn.services.auditAccess.forCase(turn.user.userId, payload.caseKey);
  if (result.outcome !== 'ok') return refuse(turn, result);
  const code = result.lines[0] ? caseName(turn, result.lines[0]) : '';
  await turn.send(
    buildNoticeCard({
      title: turn.t('audit.case.title', { code }),
      text: result.lines.length === 0 ? turn.t('audit.case.none') : result.lines.map((line) => describe(turn, line)).join('\n\n'),
    }),
  );
}

/** Someone outside the auditors' group learns nothing about the trail, not even whether it holds rows. */
async function refuse(turn: BotTurn, result: Exclude<AuditReadOutcome, { outcome: 'ok' }>): Promise<void> {
  if (result.outcome === 'directoryBusy') {
    await turn.send(buildDirectoryBusyCard(turn.t));
    return;
  }
  await turn.send(buildNoticeCard({ title: turn.t('audit.refused.title'), text: turn.t('audit.refused.text') }));
}

/** One row: when, which case, who (the person key's first characters; `npm run export-person` names it), what. */
function describe(turn: BotTurn, line: AuditLine): string {
  // The auditor's own clock, as on adviser cards; the organisation's when Teams did not say.
  const timeZone = turn.clientTimeZone ?? turn.services.content.organisation.officeHours.timeZone;
  const at = formatMoment(new Date(line.at), { locale: turn.locale, timeZone }, 'compact');
  const who = line.actor === 'administrator' ? turn.t('audit.administrator') : turn.t('audit.adviser', { key: line.actor.slice(0, 8) });
  return turn.t('audit.line', { at, code: caseName(turn, line), who, action: turn.t(`audit.action.${line.action}`) });
}

function caseName(turn: BotTurn, line: AuditLine): string {
  return line.caseCode ?? turn.t('audit.deletedCase', { key: line.caseKey.slice(0, 8) });
}
