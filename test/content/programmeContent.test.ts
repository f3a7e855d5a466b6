import { CardRenderer } from '../../src/cards/cardRenderer';
import { CARDS_DIR } from '../../src/app';
import { buildEmergencyCard } from '../../src/cards/emergencyCard';
import { buildGuidanceCard } from '../../src/cards/guidanceCard';
import { cardContextFor, type CardContext } from '../../src/cards/cardContext';
import { resolveGuidance } from '../../src/guidance/guidance';
import { LOCALES, PERSPECTIVES, ROLES, TOPICS, type Locale, type Perspective, type Role, type Topic } from '../../src/guidance/vocabulary';
import { loadShippedContent, sampleCards } from '../support/sampleCards';

/**
 * What a programme team checks before the guidance goes live (issue 15, items 1-5): how someone
 * accused is told to behave, the helplines on the right cards, numbers that say what they cost
 * and where they work, and texts in good Dutch and English.
 */
const content = loadShippedContent();
const renderer = CardRenderer.load(CARDS_DIR);
const contextFor = (locale: Locale): CardContext => cardContextFor(content, locale);

function guidanceCard(topic: Topic, perspective: Perspective, locale: Locale, role: Role = 'employee') {
  const guidance = resolveGuidance(content, { topic, perspective, role, locale });
  return renderer.render(buildGuidanceCard(contextFor(locale), guidance, { topic, perspective, urgent: false }));
}

/** The texts a person reads on a card, without the data its buttons carry back. */
function visibleTexts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(visibleTexts);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'data' || key === 'url' || key === '$schema' ? [] : visibleTexts(value)));
}

function urls(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(urls);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'url' && typeof value === 'string' ? [value] : urls(value)));
}

const NO_CONTACT: Record<Locale, string> = {
  en: 'do not seek out or contact the person who raised it',
  nl: 'zoek de persoon die het aankaartte niet op en neem geen contact op',
};
const TOLD_DIRECTLY: Record<Locale, RegExp> = { en: /^If someone tells you\b/, nl: /^Zegt iemand het je zelf\b/ };
const THROUGH_A_COMPLAINT: Record<Locale, RegExp> = { en: /^If it comes through a (complaint|report)\b/, nl: /^Komt het via een (melding|klacht)\b/ };

describe('someone who was told their behaviour was inappropriate', () => {
  for (const topic of TOPICS) {
    for (const locale of LOCALES) {
      const accused = content.guidance[topic].perspectives.accused[locale];

      it(`${topic} (${locale}): one step says plainly not to seek out or contact the person who raised it`, () => {
        const noContactSteps = accused.steps.filter((step) => step.text.toLowerCase().includes(NO_CONTACT[locale]));
        expect(noContactSteps).toHaveLength(1);
      });

      it(`${topic} (${locale}): separates being told directly from hearing it through a complaint`, () => {
        const titles = accused.steps.map((step) => step.title);
        expect(titles.filter((title) => TOLD_DIRECTLY[locale].test(title))).toHaveLength(1);
        expect(titles.filter((title) => THROUGH_A_COMPLAINT[locale].test(title))).toHaveLength(1);
      });

      it(`${topic} (${locale}): the sentences to say are for the moment someone tells you, and ask nothing of them`, () => {
        // A question or a request invites more contact with the person who raised it.
        expect(accused.sayThis.filter((sentence) => sentence.includes('?'))).toEqual([]);
        const card = JSON.stringify(guidanceCard(topic, 'accused', locale));
        expect(card).toContain(JSON.stringify(content.strings[locale]['guidance.sayThisNote.accused']));
      });

      it(`${topic} (${locale}): the headline reports what was said, without stating guilt as fact`, () => {
        const reported = locale === 'en' ? /\b(told|feels|felt|questioned|came across)\b/ : /\b(hoorde|vindt|vragen|ervaren)\b/;
        expect(accused.headline).toMatch(reported);
      });
    }
  }

  it('research integrity: corrections to data or authorship happen only through the procedure', () => {
    const en = content.guidance['research-integrity'].perspectives.accused.en.steps.map((step) => step.text).join(' ');
    const nl = content.guidance['research-integrity'].perspectives.accused.nl.steps.map((step) => step.text).join(' ');
    expect(en).toMatch(/don't change the authorship on your own/i);
    expect(en).toMatch(/corrections happen only through the procedure/i);
    expect(nl).toMatch(/pas het auteurschap niet zelf aan/i);
    expect(nl).toMatch(/gaat elke correctie via de procedure/i);
    for (const text of [en, nl]) expect(text).not.toMatch(/together with your co-authors|in overleg met je coauteurs/i);
  });
});

describe('a bystander to abuse of power', () => {
  it('keeps their notes private, except when someone is in danger or they are the manager', () => {
    const documentStep = (locale: Locale) =>
      content.guidance['abuse-of-power'].perspectives.witness[locale].steps.find((step) => /^(Document|Leg vast)$/.test(step.title))!;
    expect(documentStep('en').text).toMatch(/only pass it on if the person affected wants you to, unless someone is in danger, or you are their manager/);
    expect(documentStep('nl').text).toMatch(/alleen door als de betrokkene dat wil, behalve als iemand in gevaar is of als jij de leidinggevende bent/);
  });
});

describe('Centrum Seksueel Geweld', () => {
  const centre = content.organisation.phoneNumbers.sexualViolenceCentre;

  it('is 0800-0188, free, day and night', () => {
    expect(centre).toEqual({ number: '0800-0188', free: true });
    expect(content.strings.en['phone.sexualViolenceCentre']).toMatch(/day and night/);
    expect(content.strings.nl['phone.sexualViolenceCentre']).toMatch(/dag en nacht/);
  });

  it('is on the card for someone who experienced sexual harassment, with a call button, in both languages', () => {
    for (const locale of LOCALES) {
      for (const role of ROLES) {
        const card = guidanceCard('sexual-harassment', 'target', locale, role);
        expect(visibleTexts(card)).toContain(content.strings[locale]['phone.sexualViolenceCentre']);
        expect(urls(card)).toContain('tel:08000188');
      }
    }
  });

  it('is on the emergency route when the danger is about sexual violence, and only there', () => {
    for (const locale of LOCALES) {
      const context = contextFor(locale);
      expect(urls(renderer.render(buildEmergencyCard(context, { topic: 'sexual-harassment' })))).toContain('tel:08000188');
      for (const topic of TOPICS.filter((other) => other !== 'sexual-harassment')) {
        expect(urls(renderer.render(buildEmergencyCard(context, { topic })))).not.toContain('tel:08000188');
      }
      expect(urls(renderer.render(buildEmergencyCard(context)))).not.toContain('tel:08000188');
    }
  });
});

describe('phone numbers', () => {
  const allCards = LOCALES.flatMap((locale) => [
    ...sampleCards(content, locale).map((card) => ({ name: `${locale}/${card.name}`, card: renderer.render(card.spec) })),
    ...TOPICS.map((topic) => ({ name: `${locale}/emergency-${topic}`, card: renderer.render(buildEmergencyCard(contextFor(locale), { topic })) })),
  ]);

  it('calls 113 free nowhere: only 0800-0113 is free', () => {
    const wrong = allCards.filter(({ card }) => visibleTexts(card).some((text) => /(?<![\d\u2011-])113 \((free|gratis)/i.test(text)));
    expect(wrong.map(({ name }) => name)).toEqual([]);
    const emergency = allCards.find(({ name }) => name === 'en/emergency')!;
    expect(visibleTexts(emergency.card).join('\n')).toContain('0800\u20110113 (free)');
    expect(content.organisation.phoneNumbers.suicidePrevention.free).toBeUndefined();
  });

  it('labels an internal-only number wherever it appears, and never offers to dial it', () => {
    const internal = content.organisation.phoneNumbers.internalEmergency;
    expect(internal.internalOnly).toBe(true);
    const digits = internal.number.replace(/[^0-9]/g, '');
    let shown = 0;
    for (const { name, card } of allCards) {
      expect({ name, dialsInternal: urls(card).some((url) => url.replace(/[^0-9]/g, '') === digits) }).toEqual({ name, dialsInternal: false });
      for (const text of visibleTexts(card).filter((line) => line.includes(internal.number))) {
        const locale = name.slice(0, 2) as Locale;
        expect(text).toContain(`${internal.number} (${content.strings[locale]['phone.internalOnly']})`);
        shown += 1;
      }
    }
    expect(shown).toBeGreaterThan(20);
  });

  it('gives every other number on the emergency card a call button that dials it', () => {
    for (const locale of LOCALES) {
      const card = renderer.render(buildEmergencyCard(contextFor(locale)));
      expect(urls(card).sort()).toEqual(['tel:08000113', 'tel:0887551234', 'tel:112', 'tel:113']);
    }
  });
});

describe('language', () => {
  it('names a role with its article in English ("as an employee", "I\'m not an employee")', () => {
    for (const role of ROLES) {
      const texts = visibleTexts(guidanceCard('bullying', 'witness', 'en', role)).join('\n');
      const article = role === 'employee' ? 'an' : 'a';
      expect(texts).toContain(`For you as ${article} ${role}`);
      expect(texts).toContain(`I'm not ${article} ${role}`);
    }
  });

  it('writes Dutch step titles as imperatives, like the English ones, never as infinitives or gerunds', () => {
    const offending: string[] = [];
    for (const topic of TOPICS) {
      for (const perspective of PERSPECTIVES) {
        for (const step of content.guidance[topic].perspectives[perspective].nl.steps) {
          if (/^\p{L}{2,}en\b/u.test(step.title)) offending.push(`${topic}/${perspective}/nl: ${step.title}`);
        }
        for (const step of content.guidance[topic].perspectives[perspective].en.steps) {
          if (/^\p{L}+ing\b/u.test(step.title)) offending.push(`${topic}/${perspective}/en: ${step.title}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('names the five Ds the same way on every bystander card', () => {
    const firstWords = (locale: Locale) =>
      new Set(TOPICS.flatMap((topic) => content.guidance[topic].perspectives.witness[locale].steps.map((step) => step.title.split(/[ :,]/)[0])));
    for (const word of ['Delegate', 'Document', 'Delay', 'Direct']) expect(firstWords('en')).toContain(word);
    for (const word of ['Leid', 'Schakel', 'Leg', 'Vraag', 'Spreek']) expect(firstWords('nl')).toContain(word);
  });
});
