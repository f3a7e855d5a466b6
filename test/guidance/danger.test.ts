import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { compileDangerCues, type DangerAssessor } from '../../src/guidance/classifier/danger';
import { CueMatcher, compileCue, MAX_GAP_TOKENS } from '../../src/guidance/classifier/cueMatcher';
import { MAX_ANALYSED_CHARS } from '../../src/shared/messageLength';
import { MAX_TOKEN_CHARS, tokeniseSentences } from '../../src/guidance/classifier/sentenceTokens';

const root = path.resolve(__dirname, '..', '..');
let assess: DangerAssessor;

beforeAll(() => {
  assess = compileDangerCues(loadContent(path.join(root, 'content')).dangerCues);
});

/*
 * Each row names the kind of wording it covers; the sentences are written for these tests (none
 * comes from an evaluation set), in both languages.
 */
describe('danger levels by kind of wording', () => {
  test.each([
    ['present violence, active voice', 'A porter is kicking a visitor by the lifts right now'],
    ['present violence, passive voice', 'Er wordt op dit moment een schoonmaker geschopt in de kelder'],
    ['present violence, time word at the end of the sentence', 'twee bezoekers slaan elkaar in de hal, nog steeds'],
    ['present violence, time word at the start', 'As we speak a man is punching the pharmacist'],
    ['weapon with a present verb', 'Er staat een man met een mes bij de receptie'],
    ['object used as a weapon', 'a relative is swinging a chair at the nurses'],
    ['strangling', 'hij knijpt haar keel dicht in de personeelskamer'],
    ['confinement', 'They have locked me in the storeroom and will not let me out'],
    ['being followed in real time', 'iemand loopt al een half uur achter me aan door het park'],
    ['self-harm intent, first person, without a means', 'ik wil er niet meer zijn'],
    ['self-harm intent, first person, with a means at hand', 'I have saved up a box of sleeping pills and want to take them all at once'],
    ['self-harm intent, third person, with a means at work', 'Mijn collega zegt dat hij de insuline van de afdeling gaat gebruiken om er een eind aan te maken'],
    ['threat to kill with the person still present', 'He says he will kill me and he is still standing at my desk'],
    ['sexual assault going on', 'Someone is being raped in the changing room, I can hear it'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['past event with a time word', 'Last month a patient punched me during the night shift, how do I deal with it?'],
    ['past event, Dutch', 'Vorig jaar sloeg een bezoeker mijn collega, ik denk er nog vaak aan'],
    ['reported history', 'A colleague told me she was strangled by her ex years ago, how can I support her?'],
    ['hypothetical', 'What should I do if a visitor ever pulls a knife at the desk?'],
    ['hypothetical, Dutch', 'Stel dat iemand op de afdeling wordt aangevallen, wie bel ik dan?'],
    ['training exercise', 'In the de-escalation training an actor threatens the nurse with a knife'],
    ['news from elsewhere', 'In de krant stond dat een arts in een ander ziekenhuis is neergestoken'],
    ['figurative use', 'This night shift is killing me, who do I talk to about the roster?'],
    ['figurative use, Dutch', 'Ik ga dood van de verveling in dit overleg'],
    ['negation', 'Nobody is hurt and there were no weapons, but he shouted at me'],
    ['negation, Dutch', 'Ik ben niet suïcidaal, ik wil alleen met iemand praten over mijn team'],
    ['a joke between colleagues', 'haha she said she would stab me with her pen if I ate her cookie again'],
    ['danger that is over', 'The man with the knife has been arrested and everyone is safe now'],
    ['clinical sense', 'We treated three patients with stab wounds last night and one intern fainted'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['weapon whose time the text leaves open', 'a visitor with a knife in the waiting room'],
    ['despair without a stated intent', 'I feel hopeless about everything'],
    ['harm in past grammar without a time word', 'a patient pulled a knife at reception'],
  ])('unclear (the safety net): %s', (_kind, text) => {
    expect(assess(text).level).toBe('unclear');
  });

  test.each([
    ['a negated stop says the harm goes on', "he won't stop kicking the porter"],
    ['following someone named by a noun, not a pronoun', 'a man is following one of our students across the car park now'],
    ['being followed, Dutch, a noun object', 'er volgt een man onze stagiaire naar de fietsenstalling, nu'],
    ['a threat spoken inside quotes', "he is standing at the desk shouting 'you're dead'"],
    ['a Dutch threat to kill in one word', "hij staat in de hal en zegt dat hij haar 'doodtrapt'"],
    ['confinement: not allowed out', 'she is not allowed to come out of the office, he is standing at the door'],
    ['confinement, Dutch: kept inside', 'hij houdt me binnen in de spreekkamer en laat me niet gaan'],
    ['sexual assault: clothes pulled down', 'he is pulling down her trousers in the changing room'],
    ['sexual assault, Dutch: hand under clothing', 'hij zit met zijn hand onder haar shirt en ze wil dat niet, nu'],
    ['self-harm means at hand, first person', 'I have the morphine in my bag and I cannot do this anymore'],
    ['self-harm means at hand, Dutch, third person', 'mijn collega heeft kalium uit de medicijnkast gehaald en wil er een eind aan maken'],
    ['self-harm at a height', 'I am standing on the bridge next to the hospital'],
    ['self-harm, Dutch: cutting oneself', 'hij snijdt zichzelf in de wc, ik hoor het'],
    ['strangling with pressure on the neck', 'he is pressing his arm against her throat'],
    ['an object pressed into the body as a weapon', 'he has shears pressed into my side and says do not move'],
    ['chat spelling: rn', 'someone is punching a nurse rn'],
    ['chat spelling without apostrophes, a duration', 'my colleague is being hit next door, it hasnt stopped for like 5 min'],
    ['a weapon held in a present participle', 'a man in the car park with a gun, pointing it at a nurse'],
    ['confinement in the passive present', "I'm being held in the consult room, he took the key"],
    ['a negated joke frame', "hij zei net 'ik spuit mezelf vannacht plat met propofol' en het was geen grap"],
    ['self-harm means lying ready, Dutch', 'Ik kan niet meer. De ampullen liggen al klaar in mijn kluisje.'],
  ])('now: %s', (_kind, text) => {
    expect(assess(text).level).toBe('now');
  });

  test.each([
    ['a bare "now" in a sentence with a past time', 'Last month a patient punched me, what can I do now?'],
    ['a negated alarm word', 'This is from 2022, not urgent: a relative locked me in the family room for twenty minutes'],
    ['a hypothetical with an alarm word inside the question', 'If I ever get attacked in the on-call room, should I call security?'],
    ['a negation reaching over "or"', 'Er is niemand opgesloten of vastgehouden, maar hij schreeuwde wel'],
    ['violence against objects', 'he slams the doors and kicks the bins when he is angry'],
    ['violence against objects, Dutch', 'hij sloeg met zijn vuist op de tafel tijdens het overleg'],
    ['a threat to a career, not a person', 'My supervisor threatens to fire me if I complain'],
    ['a threat to a contract, Dutch', 'mijn promotor dreigt mijn contract niet te verlengen'],
    ['following protocols', 'I am following the protocol for aggressive patients'],
    ['a clinical overdose', 'We are treating an overdose patient in bay 3, where is the suicide risk assessment form?'],
    ['a written threat left behind', "found a note in my locker: 'watch your back'"],
    ['danger over: the person left', 'he said he would smash my face in. he left an hour ago'],
    ['danger over, Dutch: taken in', 'mijn collega die gisteren zei dat hij er een eind aan wou maken is nu opgenomen en in veilige handen'],
    ['a prank that is over', 'The intern who got stuck in the cold room is out. It was a prank. Next steps?'],
    ['feeling threatened', 'She says she felt threatened when I raised my voice'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test('explains which rule and cues decided', () => {
    const { level, harm, reasons } = assess('Er wordt nu iemand geslagen op de SEH');
    expect({ level, harm }).toEqual({ level: 'now', harm: 'violence' });
    expect(reasons[0]).toBe('violence, now');
    expect(reasons).toEqual(expect.arrayContaining(['looseNow: nu', 'violence: geslagen']));
  });
});

/*
 * The trained model beside the rules (dangerModel.ts), taught here from a few made-up examples so
 * that what it learned is plain: it raises a message the rules miss to `unclear`, lowers a `now`
 * it finds very unlikely to `unclear`, never lowers self-harm intent, and says why.
 */
describe('the danger model', () => {
  const cues = () => loadContent(path.join(root, 'content')).dangerCues;
  const examples = {
    now: Array.from({ length: 20 }, (_, i) => `the visitor on ward ${i} is ranting and lunging at the nurses, come quickly`),
    none: [
      ...Array.from({ length: 20 }, (_, i) => `the rota for ward ${i} is unfair, who do I talk to`),
      ...Array.from({ length: 20 }, (_, i) => `my colleague on ward ${i} keeps kicking the bins and the coffee machine`),
    ],
  };

  test('raises wording the rules miss to unclear, and names the words that decided', () => {
    const withModel = compileDangerCues(cues(), examples);
    // No word of the present ("is ranting" would be one): the model alone only asks.
    const text = 'a relative ranting and lunging in the hall, come quickly';
    expect(assess(text).level).toBe('none');
    const { level, reasons } = withModel(text);
    expect(level).toBe('unclear');
    expect(reasons[0]).toMatch(/^model: 0\.\d\d \(.*w:lunging/);
  });

  test('makes it now when it is very sure and the rules saw words of the present', () => {
    const withModel = compileDangerCues(cues(), examples);
    const text = 'a relative is ranting and lunging in the hall right now, come quickly';
    expect(assess(text).level).toBe('none');
    const { level, reasons } = withModel(text);
    expect(level).toBe('now');
    expect(reasons[0]).toMatch(/^model: 0\.\d\d with present time/);
  });

  test('lowers a now it finds very unlikely to unclear, never to none', () => {
    const withModel = compileDangerCues(cues(), examples);
    const text = 'my colleague on ward 3 is kicking the coffee machine and a patient right now';
    expect(assess(text).level).toBe('now');
    const { level, reasons } = withModel(text);
    expect(level).toBe('unclear');
    expect(reasons[0]).toMatch(/^model doubts: /);
  });

  test('never lowers self-harm intent', () => {
    const calm = { now: examples.now, none: Array.from({ length: 40 }, (_, i) => `I want to die of boredom in meeting ${i}, end it all`) };
    expect(compileDangerCues(cues(), calm)('I want to end my life tonight').level).toBe('now');
  });

  test('learns the same model from the same examples', () => {
    const text = 'a relative is ranting in the hall';
    expect(compileDangerCues(cues(), examples)(text)).toEqual(compileDangerCues(cues(), examples)(text));
  });
});

/*
 * Bounded work without timing: the input is cut before any cue runs and tokens are cut to a fixed
 * length, so the count of analysed tokens has a ceiling whatever the input. The time itself is
 * measured in the benchmark (bench/, classifier worst case).
 */
describe('pathological input', () => {
  const KB = 1024;
  const tokenCeiling = MAX_ANALYSED_CHARS / 2 + 1;

  test('250 KB of one anchor word: the start is read, the work is bounded', () => {
    const result = assess('knife '.repeat((250 * KB) / 6));
    expect(result.level).toBe('unclear');
    expect(result.tokensAnalysed).toBeLessThanOrEqual(tokenCeiling);
  });

  test('repeated anchor phrases that start many cues', () => {
    const result = assess('he will kill me now '.repeat(12_000));
    expect(result.level).toBe('now');
    expect(result.tokensAnalysed).toBeLessThanOrEqual(tokenCeiling);
  });

  test('a long run without spaces is one token cut to MAX_TOKEN_CHARS', () => {
    const tokenised = tokeniseSentences('a'.repeat(250 * KB));
    expect(tokenised.truncated).toBe(true);
    expect(tokenised.tokenCount).toBe(1);
    expect(tokenised.sentences[0].tokens[1]).toHaveLength(MAX_TOKEN_CHARS);
    expect(assess('a'.repeat(250 * KB)).level).toBe('none');
  });

  test('a full stop with a letter or digit right after it ends no sentence ("nu.nl", "3.5"); one with a space does', () => {
    expect(tokeniseSentences('op nu.nl staat het. Echt 3.5 uur').sentences.map(({ tokens }) => tokens.slice(1, -1))).toEqual([
      ['op', 'nu', 'nl', 'staat', 'het'],
      ['echt', '3', '5', 'uur'],
    ]);
    expect(tokeniseSentences('x.'.repeat(100 * KB)).tokenCount).toBeLessThanOrEqual(tokenCeiling);
  });

  test('alternating scripts and punctuation', () => {
    const result = assess('dataнож!'.repeat(35_000));
    expect(result.level).toBe('none');
    expect(result.tokensAnalysed).toBeLessThanOrEqual(tokenCeiling);
  });

  test('an urgent message followed by 240 KB of filler is still urgent', () => {
    const result = assess(`Er wordt nu iemand geslagen op de SEH. ${'bla '.repeat(60 * KB)}`);
    expect(result.level).toBe('now');
    expect(result.tokensAnalysed).toBeLessThanOrEqual(tokenCeiling);
  });

  test('a cue with gaps tries a bounded number of paths per token, never more as the text grows', () => {
    const cue = compileCue('threat', 'will .. .. kill .. me');
    const matcher = new CueMatcher([cue]);
    const tokens = Array.from({ length: 5000 }, () => 'will');
    expect(matcher.matches(tokens)).toEqual([]);
    expect(matcher.matches(['will', 'x', 'x', 'x', 'x', 'kill', 'y', 'me'])).toHaveLength(1);
    // Two gaps reach at most 2 x MAX_GAP_TOKENS tokens between "will" and "kill".
    expect(matcher.matches(['will', ...Array(2 * MAX_GAP_TOKENS + 1).fill('x'), 'kill', 'me'])).toEqual([]);
  });
});
