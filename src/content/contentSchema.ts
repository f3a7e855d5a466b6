import { z } from 'zod';
import { CUE_KINDS, type CueKind } from '../guidance/classifier/dangerKinds';
import { HELP_ROUTES, INTENTS, LOCALES, PERSPECTIVES, ROLES, TOPICS, type Intent } from '../guidance/vocabulary';

/** Schemas of the content files in `content/` (see content/README.md). */

const plainText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((text) => !text.includes('${') && !text.includes('{{'), 'must not contain template syntax (${ or {{)')
  .refine((text) => !/https?:\/\//i.test(text), 'must not contain a URL; links belong in organisation.json');

export const localizedText = z.object({ nl: plainText, en: plainText }).strict();

const httpsUrl = z
  .url()
  .refine((url) => url.startsWith('https://'), 'must be an https:// URL');
const localizedUrl = z.object({ nl: httpsUrl, en: httpsUrl }).strict();

const phoneNumberDigits = z.string().regex(/^[0-9+][0-9 \-]{1,18}[0-9]$/, 'must be a phone number (digits, spaces, dashes)');
/**
 * A number with what a caller must know about it: `free` adds "(free)" wherever it is shown,
 * `internalOnly` labels it "hospital phones only" and gives it no call button (a mobile phone
 * would dial the wrong line), and `placeholder` marks an invented number that production refuses.
 */
const phoneNumber = z
  .object({
    number: phoneNumberDigits,
    free: z.boolean().optional(),
    internalOnly: z.boolean().optional(),
    placeholder: z.boolean().optional(),
  })
  .strict();

export const PHONE_NUMBER_NAMES = [
  'emergency',
  'internalEmergency',
  'security',
  'suicidePrevention',
  'suicidePreventionFreephone',
  'sexualViolenceCentre',
] as const;
export type PhoneNumberName = (typeof PHONE_NUMBER_NAMES)[number];
const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM');

function recordOf<K extends string, V extends z.ZodType>(keys: readonly K[], value: V) {
  return z.object(Object.fromEntries(keys.map((key) => [key, value])) as { [key in K]: V }).strict();
}

/** When advisers are at work; the organisation's, or a pool's own (content/adviser-pools.json). */
export const officeHoursSchema = z
  .object({
    timeZone: z.string().refine(isKnownTimeZone, 'must be an IANA time zone such as Europe/Amsterdam'),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1),
    start: clockTime,
    end: clockTime,
  })
  .strict();
export type OfficeHours = z.infer<typeof officeHoursSchema>;

export const organisationSchema = z
  .object({
    version: z.string().min(1),
    reviewed: z.iso.date(),
    organisationName: localizedText,
    /** The social-safety programme the bot belongs to: its name in running text and its own site. */
    programme: z.object({ name: localizedText, link: localizedUrl }).strict(),
    phoneNumbers: recordOf(PHONE_NUMBER_NAMES, phoneNumber),
    links: z
      .object({
        codeOfConduct: localizedUrl,
        codeOfConductSections: recordOf(TOPICS, localizedUrl),
        reportingProcedure: localizedUrl,
        integrityProcedure: localizedUrl,
        researchIntegrity: localizedUrl,
        confidentialAdvisers: localizedUrl,
        elearning: localizedUrl,
        toolkits: recordOf(ROLES, localizedUrl),
        privacyStatement: localizedUrl,
      })
      .strict(),
    helpRoutes: recordOf(HELP_ROUTES, z.object({ name: localizedText, link: localizedUrl }).strict()),
    /**
     * Other help the organisation has (a study adviser, a PhD ombudsperson, occupational health,
     * peer support): each guidance card links those for the person's role. Leave out what it lacks.
     */
    supportRoutes: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z-]*$/, 'must be a lower-case id such as study-adviser'),
            roles: z.array(z.enum(ROLES)).min(1),
            name: localizedText,
            link: localizedUrl,
          })
          .strict(),
      )
      .default([]),
    officeHours: officeHoursSchema,
    /** How long the bot keeps people's data; the privacy texts show these figures (test/privacy/privacyTextsMatchSettings.test.ts). */
    retention: z
      .object({
        /** A closed, cancelled or expired case is deleted this long after it ended. */
        caseContentDays: z.number().int().min(1).max(3650),
        /** A claimed case without any activity this long reminds its adviser… */
        inactiveCaseReminderDays: z.number().int().min(1).max(365).default(30),
        /** …and closes as "expired" this long after the reminder, unless something happened in it. */
        inactiveCaseCloseDays: z.number().int().min(1).max(365).default(14),
        /** Preferences and the chat address of someone who has not used the bot this long are deleted. */
        inactivePersonDays: z.number().int().min(30).max(3650).default(365),
      })
      .strict(),
  })
  .strict();
export type Organisation = z.infer<typeof organisationSchema>;

const guidanceText = z
  .object({
    headline: plainText.pipe(z.string().max(90, 'headline must be at most 90 characters')),
    steps: z.array(z.object({ title: plainText, text: plainText }).strict()).min(3).max(5),
    sayThis: z.array(plainText).min(2).max(4),
    afterwards: plainText,
  })
  .strict();

const numbersShown = z.array(z.enum(PHONE_NUMBER_NAMES)).min(1).optional();

export const guidanceTopicSchema = z
  .object({
    topic: z.enum(TOPICS),
    version: z.string().min(1),
    reviewed: z.iso.date(),
    title: localizedText,
    summary: localizedText,
    helpRoute: z.enum(HELP_ROUTES),
    perspectives: recordOf(PERSPECTIVES, recordOf(LOCALES, guidanceText)),
    roleNotes: recordOf(ROLES, localizedText),
    /** Sentences a bystander can open a check-in with later ("Remind me to check in", the fourth D). */
    checkIn: recordOf(LOCALES, z.array(plainText).min(2).max(4)),
    /** Numbers shown on a perspective's card (beside its steps), and on the emergency card for this topic. */
    phoneNumbers: z
      .object({
        witness: numbersShown,
        target: numbersShown,
        accused: numbersShown,
        manager: numbersShown,
        emergency: numbersShown,
      })
      .strict()
      .optional(),
  })
  .strict();
export type GuidanceTopic = z.infer<typeof guidanceTopicSchema>;

const utterances = z.array(z.string().trim().min(1)).min(5, 'needs at least 5 utterances');

/**
 * A lexicon term: words separated by spaces, matched on the classifier's stems so inflections
 * match ("pesten" also finds "pest"); `=word` matches that exact word form only (no stemming),
 * `word*` words starting with it, `*word` words ending with it, `*word*` words containing it
 * (Dutch compounds); `..` skips up to four words.
 */
export const LEXICON_TERM_SYNTAX = /^(?:[=*]?[\p{L}\p{N}][\p{L}\p{N}'’-]*\*?)(?: (?:\.\.|[=*]?[\p{L}\p{N}][\p{L}\p{N}'’-]*\*?))*$/u;
const lexiconTerm = z
  .string()
  .refine(
    (term) => LEXICON_TERM_SYNTAX.test(term) && !term.endsWith(' ..') && !/(^|\s)=\S*\*/.test(term),
    'must be words separated by single spaces; a word may start with = (exact form) or start or end with * (wildcard), and ".." (skip up to four words) may only stand between words',
  );
const lexiconTerms = z.array(lexiconTerm);
/**
 * Per intent: `cues` ask for it where the writer asks (askLocation.ts), `unless` phrases cancel them ("a
 * complaint about me"), and `frames` name what a message is about that asks for it wherever they stand,
 * unless the ask names another intent (a drill or a role-play: training); `offers` name what the programme offers for
 * it ("the code of conduct", "a training", "a team session"): an ask that names one is firm (decision.ts).
 */
const intentCues = z
  .object({ cues: lexiconTerms.min(1, 'needs at least 1 cue'), unless: lexiconTerms.default([]), frames: lexiconTerms.default([]), offers: lexiconTerms.default([]) })
  .strict();
/** Guidance is what a message is without a cue for another intent, so it has no cues of its own. */
export const INTENTS_WITH_CUES = INTENTS.filter((intent): intent is Exclude<Intent, 'guidance'> => intent !== 'guidance');

const lowerWord = z.string().regex(/^[a-z']+$/, 'must be one lower-case word');
const wordShape = z.string().regex(/^[a-z]*\*[a-z]*$/, 'must be a beginning and an ending around one *');

export const nluLexiconSchema = z
  .object({
    topics: recordOf(TOPICS, lexiconTerms.min(3, 'needs at least 3 terms')),
    perspectives: recordOf(PERSPECTIVES, lexiconTerms.min(3, 'needs at least 3 terms')),
    /** Words by which writers refer to themselves ("ik", "I"): a message with these and no witness cue is about the writer. */
    selfReferences: lexiconTerms.min(1, 'needs at least 1 term'),
    /**
     * Words that name a KIND of identity a person may be mocked or treated worse for (origin and skin colour,
     * religion, sexual orientation and gender identity, age, disability, pregnancy, being a woman): mockery of an
     * identity is discrimination even when it looks like bullying (decision.ts).
     */
    identities: lexiconTerms.min(1, 'needs at least 1 term'),
    /**
     * Words that make a touch sexual whatever force comes with it: intimate body parts, kissing, underwear and
     * undressing, sex itself. Unwanted sexual touching is sexual harassment even when force or cornering is
     * involved (decision.ts).
     */
    intimate: lexiconTerms.min(1, 'needs at least 1 term'),
    /**
     * What a theft takes and where from: money from a till, a tip jar or a wallet, supplies loaded into one's own car,
     * lost property kept. Dutch "pakken" both grabs and takes; taking these is other integrity, not aggression (decision.ts).
     */
    taken: lexiconTerms.min(1, 'needs at least 1 term'),
    /**
     * Bullying told without its name: left off an invitation or a list, belongings in the bin, called useless or
     * stupid, everyone laughing at a drawing of someone. A message that names no other topic is then about bullying (decision.ts).
     */
    slights: lexiconTerms.min(1, 'needs at least 1 term'),
    /**
     * Someone taken along (`leads`: pulled, dragged or carried into or towards, "meegetrokken", "neemt .. mee") into a
     * closed place (`places`: a linen room, a toilet, his car, a bed): force that isolates someone is how new writers
     * tell sexual violence without a sexual word. Both must be named (decision.ts).
     */
    isolating: z.object({ leads: lexiconTerms.min(1, 'needs at least 1 term'), places: lexiconTerms.min(1, 'needs at least 1 term') }).strict(),
    /**
     * What a superior holds over someone's career, named as the price of a demand: a contract not renewed, an extension not
     * signed, a passing grade, a reference, being written off ("anders tekent hij de verlenging niet", "wil je nou een vast
     * contract of niet", "that will be the end of your time here", "dat ik eruit lig"), or the good projects kept for favourites. A
     * message the words put under research integrity (authorship, a paper, a grant), or under aggression that no blow, grip or weapon
     * makes physical (held or locked in until a bad evaluation is signed), is then about abuse of power (decision.ts).
     */
    levers: lexiconTerms.min(1, 'needs at least 1 term'),
    /**
     * How a writer owns up to what they did ("I did say it", "yes, I repeated them", "dat heb ik gezegd", "ik doe
     * dat inderdaad", "eerlijk is eerlijk"): a feature of the perspective regression (`y:admits`, the accused).
     */
    admissions: lexiconTerms.min(1, 'needs at least 1 term'),
    intents: recordOf(INTENTS_WITH_CUES, intentCues),
    /**
     * Where a message asks (askLocation.ts): besides a sentence that ends with "?", one that starts with
     * one of `openers` (plain words, after any of `fillers`: "ok so where", "moet dat gemeld", "should this
     * be reported") or holds one of `wishes` anywhere ("I'd like", "ik wil graag"). An ask that holds one of
     * `whatToDo` ("what should I do", "ik weet niet wat ik ermee moet") asks for guidance, whatever the
     * message is about (a drill that went wrong).
     */
    asks: z
      .object({
        openers: z.array(z.string().regex(/^[\p{L}']+( [\p{L}']+)*$/u)).min(1),
        fillers: z.array(lowerWord),
        wishes: lexiconTerms.min(1),
        whatToDo: lexiconTerms.min(1),
      })
      .strict(),
    /**
     * Single words for who a message is about, features of the intent, topic and perspective
     * regressions: the writer's possessives ("my", "mn") and object pronouns ("me", "us"), the writer
     * in a group ("we"), others as objects ("her", "hem"), and nouns for people ("colleague",
     * "*collega"): "my arm" is the writer's own, "my colleague" someone else. `thirdPersons` ("she",
     * "they", "iemand": pronouns for someone else, not "them", as often the pills) are no feature: with the nouns
     * for people they tell whether a message names anyone but the writer (decision.ts: self-harm told of nobody
     * else is the writer's own). `subjects` ("I" against "he", "she", "ze"), no feature either, tell whose story a
     * message mostly tells (decision.ts: self-harm told mostly of "he" or "she" is someone else's).
     */
    pronouns: z
      .object({
        possessive: z.array(z.string().regex(/^[a-z']+$/)).min(1),
        object: z.array(z.string().regex(/^[a-z']+$/)).min(1),
        group: z.array(z.string().regex(/^[a-z']+$/)).min(1),
        others: z.array(z.string().regex(/^[a-z']+$/)).min(1),
        thirdPersons: z.array(z.string().regex(/^[a-z']+$/)).min(1),
        subjects: z
          .object({
            writer: z.array(z.string().regex(/^[a-z']+$/)).min(1),
            others: z.array(z.string().regex(/^[a-z']+$/)).min(1),
          })
          .strict(),
      })
      .strict(),
    people: z.array(z.string().regex(/^\*?[a-z]+$/, 'must be one lower-case word, optionally starting with * (any word ending in it)')).min(5),
    /**
     * How a writer says they did something themselves ("I copied ...", "ik heb ... overgenomen"), a
     * feature of the perspective regression (the accused): after one of `subjects` (or a message that
     * opens with one of `openers`, "heb ... gezet"), skipping `fillers`, a verb in a past form that is
     * not one of `notActions` (seeing, hearing, being told). Past forms are `actions` or words of the
     * shapes in `pastForms` ("*ed", "*te": a beginning and an ending around a *). After one of
     * `auxiliaries` a participle (`participles`, "ge*t", "overge*") may come a few words later, up to
     * one of `stops`.
     */
    writerActs: z
      .object({
        subjects: z.array(lowerWord).min(1),
        openers: z.array(lowerWord),
        auxiliaries: z.array(lowerWord),
        fillers: z.array(lowerWord),
        stops: z.array(lowerWord),
        actions: z.array(lowerWord),
        notActions: z.array(lowerWord),
        pastForms: z.array(wordShape).min(1),
        participles: z.array(wordShape),
      })
      .strict(),
    /**
     * How a writer names their own role ("head of porters here", "as her line manager", "ik ben
     * teamleider"): a noun for a person with all words of one of `before` among the three words before it,
     * or, near the start of the message, one of `after` among the five words after it. `manages`: the roles
     * that receive signals ("head", "team lead", "leidinggevende", "*hoofd" for a compound's end): a writer who
     * names one of them as their own and is told of something by someone else is the manager (decision.ts).
     * `toldBy`: how someone else tells the writer ("told me", "came to me", "vertelde me", "meldt"); `addressed`: "your", "je",
     * which make the role someone else's ("als je eigen baas").
     */
    writerRole: z
      .object({
        before: z.array(z.string().regex(/^[a-z]+( [a-z]+)*$/)).min(1),
        after: z.array(lowerWord).min(1),
        manages: z.array(z.string().regex(/^\*?[a-z]+$/)).min(1),
        toldBy: z.array(z.string().regex(/^[a-z']+( [a-z']+)*$/)).min(1),
        addressed: z.array(lowerWord).min(1),
      })
      .strict(),
    /**
     * How the writer's own words aim a threat or a weapon at the writer (decision.ts: the writer is the target where the
     * perspective regression reads a witness): `said` a threat told to the writer ("told me he'd", "to my face", "zei tegen
     * mij"), `at` harm pointed at the writer ("waving it at us", "richting mij"). Phrases of whole words, matched as written.
     * `joins` open a clause of the writer's own ("told me she was threatened and I want to help"): an "I" after one is the
     * bystander's question, not the threat's object. `reports`: a threat reported in the third person with nobody named as
     * told ("says he'll", "said she'd slap me", "brult dat hij me", "zegt zij slaat mij"): one of its `verbs`, maybe `that`, and
     * "he" or "she" (`pronouns.subjects.others`), with the writer alone after it ("me", "my arm", "I" in its clause; not a word
     * of its `group`: "with us in it" is told of everyone there).
     */
    aimedAtWriter: z
      .object({
        said: z.array(z.string().regex(/^[a-z']+( [a-z']+)*$/)).min(1),
        at: z.array(z.string().regex(/^[a-z']+( [a-z']+)*$/)).min(1),
        joins: z.array(z.string().regex(/^[a-z']+$/)).min(1),
        reports: z
          .object({ verbs: z.array(z.string().regex(/^[a-z']+$/)).min(1), that: z.array(z.string().regex(/^[a-z']+$/)).min(1), group: z.array(z.string().regex(/^[a-z']+$/)).min(1) })
          .strict(),
      })
      .strict(),
    /**
     * Words that deny a deed when one stands among the two words before a term of one of `topics`
     * ("er was geen wapen", "he did not hit her"): that term does not count, so the behaviour the message
     * does name decides ("not hit, but called her a monkey": discrimination). A word of `unless` right after
     * the negation keeps the deed going ("did not stop hitting"). Only for topics of deeds: a denied
     * outcome ("geen verlenging") or a denied misconduct ("I did not copy it") is still that topic.
     */
    topicNegations: z
      .object({ topics: z.array(z.enum(TOPICS)).min(1), words: z.array(lowerWord).min(1), unless: z.array(lowerWord) })
      .strict(),
  })
  .strict();
export type NluLexicon = z.infer<typeof nluLexiconSchema>;

export const nluTrainingSchema = z
  .object({
    locale: z.enum(LOCALES),
    intents: recordOf(INTENTS, utterances),
    topics: recordOf(TOPICS, utterances),
    perspectives: recordOf(PERSPECTIVES, utterances),
    /** Messages that need the emergency route; a test measures how many of them the danger cues find. */
    urgent: utterances,
    lexicon: nluLexiconSchema,
  })
  .strict();
export type NluTraining = z.infer<typeof nluTrainingSchema>;

/**
 * A danger cue: tokens separated by spaces; `a|b` either word, `stab*` a prefix, `*ing` a suffix
 * (wildcards of at least 2 letters), `..` skips up to three tokens. Lower case, as tokens are.
 */
const DANGER_CUE_SYNTAX = /^(?:[a-z0-9':_]+\*?|\*[a-z0-9'_]+)(?:\|(?:[a-z0-9':_]+\*?|\*[a-z0-9'_]+))*(?: (?:\.\.|(?:[a-z0-9':_]+\*?|\*[a-z0-9'_]+)(?:\|(?:[a-z0-9':_]+\*?|\*[a-z0-9'_]+))*))*$/;
const dangerCue = z
  .string()
  .refine((source) => DANGER_CUE_SYNTAX.test(source) && !source.endsWith(' ..'), 'must be lower-case tokens, a|b, prefix*, *suffix or ..')
  .refine((source) => !source.split(/[ |]/).some((part) => part.includes('*') && part.replace('*', '').length < 2), 'a wildcard needs at least 2 letters');

/**
 * content/nlu/danger.json: per kind of wording (harm, time, frame; see src/guidance/classifier/dangerKinds.ts),
 * the cues of each language. Both languages apply to every message, because a message's language is a
 * guess and a missed danger is the worst error.
 */
export const dangerCuesSchema = z.record(
  z.enum(CUE_KINDS as readonly [CueKind, ...CueKind[]]),
  z.object({ nl: z.array(dangerCue), en: z.array(dangerCue) }).strict(),
);
export type DangerCues = z.infer<typeof dangerCuesSchema>;

/**
 * content/nlu/examples.json: labelled tune messages (`npm run nlu:build`, scripts/build-nlu.ts) that the danger
 * model and the intent, topic and perspective models learn from beside the utterances of <locale>.json. Each
 * model learns from its own tune sets (TUNE_SETS), so a message carries only the labels of the models that
 * learn from it: a label left out is not learned, while a topic or perspective of null is ("names no topic").
 */
export const nluExamplesSchema = z
  .array(
    z
      .object({
        text: z.string().min(1),
        locale: z.enum(LOCALES),
        intent: z.enum(INTENTS).optional(),
        topic: z.enum(TOPICS).nullable().optional(),
        perspective: z.enum(PERSPECTIVES).nullable().optional(),
        danger: z.enum(['now', 'none']).optional(),
        /** For the self-harm field model (selfHarmField.ts): `now` for urgent self-harm, `none` for calm; other urgent messages have none. */
        selfHarmField: z.enum(['now', 'none']).optional(),
      })
      .strict(),
  )
  .min(1);
export type NluExample = z.infer<typeof nluExamplesSchema>[number];

/** UI strings: flat keys to text with `{placeholder}` parameters; checked against each other by the loader. */
export const stringsSchema = z.record(
  z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9-]+)*$/, 'keys are dotted camelCase'),
  z.string().min(1).refine((text) => !text.includes('${'), 'must not contain ${'),
);
export type Strings = z.infer<typeof stringsSchema>;

/** As the bot compares them: lower case, no punctuation, single spaces (a curly apostrophe is a straight one). */
const answerWord = z.string().regex(/^[\p{Ll}\p{N}']+$/u, "one word in lower case, without punctuation");
const answerPhrase = z.string().regex(/^[\p{Ll}\p{N}']+( [\p{Ll}\p{N}']+)*$/u, "words in lower case separated by one space, without punctuation");

/** What people type to answer "is anyone in danger right now?" in one language (src/bot/typedDangerAnswers.ts reads them). */
export const typedDangerAnswersSchema = z
  .object({
    locale: z.enum(LOCALES),
    /** The first word is a yes: "yes he is still here". */
    yesFirstWords: z.array(answerWord).min(1),
    /** Anywhere in the message: someone asking for help now. */
    alarmWords: z.array(answerWord).min(1),
    /** May stand beside an alarm word in a message that only calls for help: "help me", "bel 112", "hulp nu". */
    besideAlarmWords: z.array(answerWord).min(1),
    /**
     * A yes without a yes, that it goes on ("still happening", "nog steeds bezig", "nu!!") or that it is so ("klopt",
     * "definitely"): an answer of nothing but these and `besideAnswerWords`, one of these at least, is a yes.
     */
    affirmingWords: z.array(answerWord).min(1),
    /**
     * May stand beside `affirmingWords` in an answer ("hij is er nog", "it is still going on"), and beside a negation or an
     * `overWords` word in a no said first in other words ("gelukkig niet", "het is voorbij", "not anymore").
     */
    besideAnswerWords: z.array(answerWord).min(1),
    /**
     * A word of going ("gaat", "going") says it goes on only beside one of `goingOnWords` ("het gaat nog steeds door"); beside
     * "nu" alone it says all is well again ("nu gaat het", "het gaat nu"), and such an answer is no yes.
     */
    goingWords: z.array(answerWord).min(1),
    /** The words that make a word of going say it goes on: door, bezig, gaande, steeds, on, still. */
    goingOnWords: z.array(answerWord).min(1),
    /**
     * The danger is over: a first clause of nothing but one of these and `besideAnswerWords` ("het is voorbij", "he left"),
     * or a negation and `besideAnswerWords` ("gelukkig niet", "not anymore"), says no; what follows is no yes unless it is
     * nothing but a call for help. A negation with one of these ("niet voorbij") says it goes on.
     */
    overWords: z.array(answerWord).min(1),
    /**
     * Said without a negation, these tell it to stop; they do not say it has: after a yes ("yes, stop", "ja, stop", "yes stop
     * it") a cry, so a yes. Negated, as `overWords`, they still say it goes on ("it won't stop").
     */
    stopCries: z.array(answerWord).min(1),
    /**
     * Typed in a hurry without a comma, these open what follows a no said first: "Not anymore but I need help with what to
     * say", "Het is voorbij ik zoek hulp". The opener belongs to neither part ("not anymore but help!!" still calls for help).
     */
    clauseOpeners: z.array(answerWord).min(1),
    /**
     * Right before an alarm word, or with only `needWords` between ("I dont need an ambulance"), or two words after it and then
     * a `needWords` word ("hulp is niet nodig"), it is no call for help. A negation of another word is not: "ik voel me niet veilig, help".
     */
    negations: z.array(answerWord).min(1),
    /** The words that say whether help is wanted, between or after a negation and an alarm word: need, nodig, want, an, de. */
    needWords: z.array(answerWord).min(1),
    /**
     * The first word is a no: such an answer is never a yes ("Nee, ik heb geen hulp nodig"), however it goes on; one that ends in
     * a call for help ("nee, help!", "nobody here, help") gets the question again, the numbers first.
     */
    noFirstWords: z.array(answerWord).min(1),
    /**
     * An answer that starts with one of these and goes on to tell more than that nobody is in danger ("niemand helpt ons", "no
     * one is coming") as often cries out as says no: the question again, the numbers first. Alone they are `wholeNo`.
     */
    nobodyWords: z.array(answerPhrase).min(1),
    /**
     * Right after an alarm word (or the words beside it: "help me write it down"), these say what the help is for ("I need help
     * with reporting", "hulp bij het melden"): help for a next step, no yes, which would mark an open request urgent.
     */
    helpForWords: z.array(answerWord).min(1),
    /**
     * In a clause with an alarm word after a no said first, these say help has come or been called ("no, I called 112", "no
     * one, the ambulance is here", "nee, de politie is hier"): the person's no, not a cry.
     */
    helpCameWords: z.array(answerWord).min(1),
    /**
     * Of `besideAlarmWords`, the words that announce an emergency ("er is brand", "there is an emergency"): in a bare call for
     * help they stand only before the alarm word; after it they tell where help is ("de politie is er", "the police is there").
     */
    announcingWords: z.array(answerWord).min(1),
    /** A message that opens with one of these and ends in "?" asks ("is er hulp?", "is there an ambulance?"): no bare call for help ("er is brand?" still is). */
    questionOpeners: z.array(answerWord).min(1),
    /** Only as the whole message: "no, but he has a knife" is read as a new message. */
    wholeNo: z.array(answerPhrase).min(1),
  })
  .strict();
export type TypedDangerAnswers = z.infer<typeof typedDangerAnswersSchema>;

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Base64 as Buffer writes it. Checked by decoding and encoding again: a regular expression over the
 * megabyte of weights in trained.json took tens of milliseconds of every start-up, this takes one or two.
 */
const base64 = z.string().refine((text) => Buffer.from(text, 'base64').toString('base64') === text, 'must be base64');
/**
 * A list of strings, checked in one loop: trained.json holds some 58,000 of them (features, lexicon
 * terms), and zod's check of each one took tens of milliseconds of every start-up.
 */
const stringList = z.custom<string[]>((value) => Array.isArray(value) && value.every((item) => typeof item === 'string'), 'must be a list of strings');

/** One network of perceptron.ts: its labels, its features (stems) and per label the weights, as stored. */
const trainedNetwork = z
  .object({
    labels: z.array(z.string().min(1)).min(1),
    features: stringList,
    /** Per label, float32 weights in the platform's byte order (little-endian on x64 and arm64), one per feature, in base64 (exact, and a third of the decimal size). */
    weights: z.array(base64),
    biases: z.array(z.number()),
    /** Per label, one byte per feature: whether the label's examples contain it. */
    labelFeatures: z.array(base64),
    trainedLabels: z.array(z.union([z.literal(0), z.literal(1)])),
  })
  .strict()
  .refine(
    ({ labels, weights, biases, labelFeatures, trainedLabels }) =>
      [weights, biases, labelFeatures, trainedLabels].every((perLabel) => perLabel.length === labels.length),
    'must have weights, biases and features for every label',
  );
export type TrainedNetwork = z.infer<typeof trainedNetwork>;

/** One regression of softmaxModel.ts: its labels, its features and per feature one weight per label, as stored. */
const trainedRegression = z
  .object({
    labels: z.array(z.string().min(1)).min(1),
    features: stringList,
    /** Feature by feature, one signed byte per label, in base64: the weight in steps of its feature's scale. */
    weights: base64,
    /** Per feature one signed byte, in base64: its scale is 2 to that power. */
    scaleExponents: base64,
    biases: z.array(z.number()),
  })
  .strict()
  .refine(({ labels, biases }) => biases.length === labels.length, 'must have a bias for every label');
export type TrainedRegression = z.infer<typeof trainedRegression>;

/** The lexicons of a locale (lexicon.ts) as matched: per term, label by label as content/nlu/<locale>.json lists them, its stems and words. */
const compiledLexicons = z
  .object({
    topics: stringList,
    perspectives: stringList,
    selfReferences: stringList,
    identities: stringList,
    intimate: stringList,
    taken: stringList,
    slights: stringList,
    isolating: stringList,
    levers: stringList,
    admissions: stringList,
    intentCues: stringList,
    intentUnless: stringList,
    intentFrames: stringList,
    intentOffers: stringList,
    asks: stringList,
    /** The lexicons' words and their stems, in pairs ("pesten", "pest", ...). */
    wordStems: stringList,
  })
  .strict();

/** The danger model of dangerModel.ts: a bias and per feature a signed 16-bit level of its weight on a log scale of `weightRatio` per level. */
const trainedDangerModel = z.object({ bias: z.number(), features: stringList, weights: base64, weightRatio: z.number().gt(1) }).strict();
export type TrainedDangerModel = z.infer<typeof trainedDangerModel>;

/**
 * content/nlu/trained.json: the models trained from the other nlu files, written by `npm run nlu:build`
 * so that start-up loads them instead of training. `inputs` is a digest of what they were trained
 * from; when it differs from today's files the classifier trains at start-up instead (and says so).
 */
export const trainedModelsSchema = z
  .object({
    inputs: z.string().regex(/^[0-9a-f]{64}$/),
    locales: recordOf(
      LOCALES,
      z
        .object({
          lexicons: compiledLexicons,
          intent: trainedNetwork,
          topic: trainedNetwork,
          intentRegression: trainedRegression,
          topicRegression: trainedRegression,
          perspectiveRegression: trainedRegression,
        })
        .strict(),
    ),
    danger: trainedDangerModel,
    /** The self-harm field model (selfHarmField.ts), stored like the danger model. */
    selfHarmField: trainedDangerModel,
    /** Per locale, the known words a typo is read as, most common first (spelling.ts). */
    spelling: recordOf(LOCALES, stringList),
  })
  .strict();
export type TrainedModels = z.infer<typeof trainedModelsSchema>;

/** content/nlu/real-words.json: per locale, the dictionary's words one typing error from a known word (scripts/realWords.ts). */
export const realWordsSchema = recordOf(LOCALES, stringList);
