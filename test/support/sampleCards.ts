import path from 'node:path';
import { sampleCards as sharedSampleCards, type PreviewCard, type WrittenByPeople } from '../../tools/cardPreview/sampleCards';
import { withEveryPoolDeployed, type AppContent } from '../../src/content/appContent';
import { loadContent } from '../../src/content/loadContent';
import { LOCALES, type Locale } from '../../src/guidance/vocabulary';
import { newHandoffCase, type HandoffCase } from '../../src/handoff/handoffCase';

export const CONTENT_DIR = path.resolve(__dirname, '..', '..', 'content');

/** Text a hostile or careless user might type, used wherever user text reaches a card. */
export const HOSTILE_TEXT = '${$root.secret} {{name}} **bold** [click me](https://evil.example) <script>alert(1)</script> 😀 مرحبا';

export function sampleCase(overrides: Partial<HandoffCase> = {}): HandoffCase {
  const requested = newHandoffCase(
    {
      id: '0123456789abcdef0123456789abcdef',
      code: 'VK-ABCD-EFGH',
      kind: 'advice',
      mode: 'anonymous',
      requester: { personKey: 'k' },
      locale: 'nl',
      topic: 'bullying',
      perspective: 'target',
      urgent: false,
      contactPreference: 'teams-chat',
      message: HOSTILE_TEXT,
      dialogue: null,
    },
    new Date('2026-11-24T10:00:00.000Z'),
  );
  return { ...requested, status: 'notified', notifiedAt: '2026-11-24T10:00:01.000Z', ...overrides };
}

const ONE_PIXEL_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Everything a person writes is the hostile text, so the tests see it arrive inert wherever a card shows it. */
const WRITTEN_WITH_HOSTILE_TEXT: WrittenByPeople = {
  understood: HOSTILE_TEXT,
  requesterMessage: HOSTILE_TEXT,
  advisorMessage: HOSTILE_TEXT,
  dialogueReason: HOSTILE_TEXT,
  note: { what: HOSTILE_TEXT, whenDate: '2026-11-23', whenTime: '14:30', where: HOSTILE_TEXT, who: HOSTILE_TEXT, said: HOSTILE_TEXT, did: HOSTILE_TEXT },
};

/**
 * Every card template for one locale, from the one list the previews draw
 * (tools/cardPreview/sampleCards.ts), with the hostile text as what people wrote and every
 * topic × perspective's guidance card: what the render and schema tests check.
 */
export function sampleCards(content: AppContent, locale: Locale): PreviewCard[] {
  return sharedSampleCards(content, locale, { written: WRITTEN_WITH_HOSTILE_TEXT, chart: ONE_PIXEL_PNG, guidance: 'every' });
}

/** The shipped content as a fully staffed deployment runs it (every pool with people and a backup). */
export function loadShippedContent(): AppContent {
  return withEveryPoolDeployed(loadContent(CONTENT_DIR));
}

export { LOCALES };
