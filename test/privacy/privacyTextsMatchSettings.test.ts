import { cardContextFor } from '../../src/cards/cardContext';
import { buildPrivacyCard } from '../../src/cards/infoCards';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../src/config/config';
import { withEveryPoolDeployed, type AppContent } from '../../src/content/appContent';
import { loadContent } from '../../src/content/loadContent';
import { LOCALES } from '../../src/guidance/vocabulary';
import { createTranslator } from '../../src/i18n/translator';
import { CONTENT_DIR } from '../support/sampleCards';

/**
 * What the privacy and forget-me texts promise must be what the code does, in both languages.
 * Every retention figure in them comes from the setting that drives the purge, never typed
 * into the text; the promises that are not figures are checked where the code keeps them
 * (test/privacy/nothingLeftBehind.test.ts, adviserConfidentiality.test.ts).
 */

const content = withEveryPoolDeployed(loadContent(CONTENT_DIR));
const PRIVACY_TEXT_KEYS = (locale: 'nl' | 'en') => Object.keys(content.strings[locale]).filter((key) => /^(privacy|forget)\./.test(key));

/** A figure no content setting has, so that each test finds only the figures it looks for. */
const AUDIT_DAYS_OF_ITS_OWN = 3333;

function privacyCardText(withContent: AppContent, locale: 'nl' | 'en', auditRetentionDays = AUDIT_DAYS_OF_ITS_OWN): string {
  return JSON.stringify(buildPrivacyCard(cardContextFor(withContent, locale), { auditRetentionDays }).data);
}

describe('the privacy and forget-me texts against the settings', () => {
  it.each(LOCALES)('type no figure of their own (%s): every number is a placeholder filled from a setting', (locale) => {
    const typedFigures = PRIVACY_TEXT_KEYS(locale).flatMap((key) => (content.strings[locale][key]!.replaceAll('Microsoft 365', '').match(/\d+/g) ?? []).map((digits) => `${key}: ${digits}`));
    expect(typedFigures).toEqual([]);
  });

  it.each(LOCALES)('show the retention the purge uses (%s), and follow it when the setting changes', (locale) => {
    const shipped = content.organisation.retention.caseContentDays;
    const unit = locale === 'nl' ? 'dagen' : 'days';
    expect(privacyCardText(content, locale)).toContain(`${shipped} ${unit}`);
    const changed: AppContent = { ...content, organisation: { ...content.organisation, retention: { ...content.organisation.retention, caseContentDays: 37 } } };
    expect(privacyCardText(changed, locale)).toContain(`37 ${unit}`);
    expect(privacyCardText(changed, locale)).not.toContain(`${shipped} ${unit}`);
  });

  it.each(LOCALES)('show how long an inactive person and a quiet taken request are kept (%s), and follow the settings', (locale) => {
    const unit = locale === 'nl' ? 'dagen' : 'days';
    const { inactivePersonDays, inactiveCaseReminderDays, inactiveCaseCloseDays } = content.organisation.retention;
    const shipped = privacyCardText(content, locale);
    expect(shipped).toContain(`${inactivePersonDays} ${unit}`);
    expect(shipped).toContain(`${inactiveCaseReminderDays + inactiveCaseCloseDays} ${unit}`);
    const retention = { ...content.organisation.retention, inactivePersonDays: 400, inactiveCaseReminderDays: 20, inactiveCaseCloseDays: 7 };
    const changed = privacyCardText({ ...content, organisation: { ...content.organisation, retention } }, locale);
    expect(changed).toContain(`400 ${unit}`);
    expect(changed).toContain(`27 ${unit}`);
    expect(changed).not.toContain(`${inactivePersonDays} ${unit}`);
    expect(changed).not.toContain(`${inactiveCaseReminderDays + inactiveCaseCloseDays} ${unit}`);
  });

  it.each(LOCALES)('tell requesters that advisers\' reads and changes are logged without content, and for as long as AUDIT_RETENTION_DAYS says (%s)', (locale) => {
    const keptFor = (days: number) => (locale === 'nl' ? `Elke vastlegging wordt ${days} dagen bewaard` : `Each record is kept for ${days} days`);
    const shipped = privacyCardText(content, locale, DEFAULT_AUDIT_RETENTION_DAYS);
    const promises =
      locale === 'nl'
        ? ['Ontvangt, opent of wijzigt een vertrouwenspersoon je aanvraag', 'van de zaakcode is afgeleid', 'nooit met wat er in de aanvraag staat', 'vanaf het moment dat die is gemaakt, ook nadat de aanvraag zelf is verwijderd']
        : ['When an adviser receives, opens or changes your request', 'derived from the case code', 'never with what the request says', 'from when it is made, even after the request itself is deleted'];
    for (const promise of [...promises, keptFor(DEFAULT_AUDIT_RETENTION_DAYS)]) expect({ promise, found: shipped.includes(promise) }).toEqual({ promise, found: true });
    const changed = privacyCardText(content, locale, 730);
    expect(changed).toContain(keptFor(730));
    expect(changed).not.toContain(keptFor(DEFAULT_AUDIT_RETENTION_DAYS));
  });

  it.each(LOCALES)('tell requesters and advisers the inactivity periods the sweep uses (%s)', (locale) => {
    const { inactiveCaseReminderDays, inactiveCaseCloseDays } = content.organisation.retention;
    const t = createTranslator(content.strings, locale);
    // The delivery fills these from the same settings (src/bot/handoffDelivery.ts); their texts type no figure of their own.
    for (const key of ['advisor.inactivityReminder', 'advisor.closedForInactivity', 'handoff.closedForInactivity.text']) {
      expect({ key, figures: content.strings[locale][key]!.match(/\d+/g) }).toEqual({ key, figures: null });
    }
    expect(t('advisor.inactivityReminder', { code: 'VK-AAAA-BBBB', days: inactiveCaseReminderDays, closeDays: inactiveCaseCloseDays })).toContain(
      `${inactiveCaseCloseDays} ${locale === 'nl' ? 'dagen' : 'days'}`,
    );
  });

  it.each(LOCALES)('say what the code does (%s): Teams keeps the chat, the backup group on escalation, only the claimer, deleted after closing, a privacy statement link', (locale) => {
    const text = privacyCardText(content, locale);
    const promises =
      locale === 'nl'
        ? ['chatgeschiedenis in Teams', 'Microsoft 365', 'achterwacht', 'ziet alleen die hem nog', 'na afsluiten verwijderd', 'verliezen dan je bericht en naam']
        : ['Teams chat history', 'Microsoft 365', 'backup advisers', 'only that adviser sees it', 'deleted', 'lose your message and name'];
    for (const promise of promises) expect({ promise, found: text.includes(promise) }).toEqual({ promise, found: true });
    expect(text).toContain(content.organisation.links.privacyStatement[locale]);
  });
});
