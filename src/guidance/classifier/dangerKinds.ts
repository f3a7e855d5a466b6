/** The kinds of wording danger is reasoned from (danger.ts); content/nlu/danger.json lists cues per kind. */

export const HARM_KINDS = [
  'violence',
  'strangling',
  'weapon',
  'improvisedWeapon',
  'confinement',
  'following',
  'threat',
  'killThreat',
  'selfHarm',
  /** Despair without a stated intent ("hopeless", "ik kan niet meer"): never more than `unclear`. */
  'despair',
  'sexualAssault',
  'injury',
] as const;
export type HarmKind = (typeof HARM_KINDS)[number];

export const CONTEXT_KINDS = [
  /** Settle the present: "right now", "nog steeds", "as I type". */
  'now',
  /** A bare "now", "nu" or a duration ("for ten minutes"): the present unless the sentence names a past time. */
  'looseNow',
  /** The person is still there: "he's waiting for me", "staat voor mijn neus". */
  'presence',
  /** Present grammar: "is hitting", "wordt geslagen", "staat te schreeuwen", "keeps". */
  'progressive',
  /** Still going on: "still", "keeps", "nog steeds", "blijft"; present unless the sentence names a past time. */
  'ongoing',
  /** A call for help: "help", "please hurry", "snel", "112". */
  'alarm',
  /** Handling an object as a weapon: "waving", "zwaait met", "holding ... to her throat". */
  'wielding',
  /** Recent enough that a self-harm act may still need help: "last night", "vannacht". */
  'recent',
  /** Settle the past: "yesterday", "two weeks ago", "vorig jaar". */
  'past',
  /** Past or perfect grammar without a time word: "grabbed", "heeft ... getrokken", "was". */
  'pastForm',
  /** Perfect grammar: "has been stabbed", "heeft me opgesloten"; it just happened unless a past time is named. */
  'perfect',
  /** A threat about the future: "will", "'ll", "going to", "gaat", "zodra". */
  'future',
  /** A means of self-harm at hand: medicines and where they are kept, a rope, blades ("de opiaten", "the KCl", "medicijnkamer"). */
  'means',
  /** A resolve without naming the act: "going to do it tonight", "het vanavond gaat doen", "sorry for everything". */
  'resolve',
  /*
   * The field of self-harm told sideways: people tell an intention to die or to hurt oneself, their own or someone
   * else's, without the textbook words, by the kinds below. Each alone is an ordinary thing to say at work (a farewell
   * card, a medicine count, a bridge on the way home, "I won't need it anymore"); two kinds together in a message are
   * how such an intention is told, and get at least the danger question (danger.ts, `SELF_HARM_FIELD`).
   */
  /** Arrangements and farewells: a letter for someone, a will, funeral wishes, passwords handed over, who gets the cat, giving things away, thanking everyone, "forgive me", "sorry for everything". */
  'farewell',
  /** A means or a place named, not yet at hand: medicines, a rope or cable, a hose or charcoal, a blade, a bridge, a roof, tracks, a train, a floor to fall from. */
  'method',
  /** Not being there any more: "better off without me", "a burden", "won't need it anymore", "not see myself here at Christmas", "or any other day", "never wake up", "disappear". */
  'absence',
  /** Not being there any more, told so that it needs no second kind: "easier for everyone if I disappeared", "you won't have to worry about me anymore", "or any other day", "ik zie mezelf hier niet meer met kerst". */
  'gone',
  /** A plan told by its preparation or a question of amount: counting or saving pills, "enough now", "ready", "how many would it take", "how high", "to be sure", "would hold my weight", "lethal", a chosen day. */
  'plan',
  /**
   * The calm of a decision: feeling calm or at peace about it, finally quiet, relieved now that it is decided ("feel very calm
   * about it actually", "voel me eindelijk rustig", "opgelucht nu ik een datum heb"). Alone an ordinary thing to say; beside a
   * chosen date, a farewell or a means it is how a decided intention is told.
   */
  'decidedCalm',
  'negation',
  /** Covers a harm word used figuratively: "is killing me", "dying of", "sterf van". */
  'figurative',
  /** Covers a harm word in a clinical sense: "stab wounds", "suïcidepoging", "choking on food". */
  'clinical',
  'hypothetical',
  /**
   * A question about what one may or should do, whom to call: "is it allowed to lock the door", "bel ik de beveiliging",
   * "which emergency number". A frame like a hypothetical, except beside a sentence that tells harm in present grammar
   * ("he is kicking the door"): then it asks what to do now.
   */
  'procedure',
  'training',
  'news',
  /** A post on social media ("on Instagram", "op LinkedIn"): news from elsewhere, except for a farewell or a wish to die, which a post is how one tells. */
  'post',
  'joke',
  'resolved',
  /** Who a person is, told by what happened to them: "the man who was discharged this morning", "de patiënt die is ontslagen". It covers a resolved frame. */
  'description',
  /** The person went away: "he left", "ging naar huis". It ends a danger from someone, not a wish to die: someone who leaves with one is alone with it. */
  'departed',
  'reported',
] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];
export type CueKind = HarmKind | ContextKind;
export const CUE_KINDS: readonly CueKind[] = [...HARM_KINDS, ...CONTEXT_KINDS];
