import type { CueKind } from './dangerKinds';
import type { TokenisedText } from './sentenceTokens';

/*
 * Self-harm told sideways, read by classes of words instead of phrases. Two nights of phrase cues written from read
 * wordings caught the writers they were read from and not the next ones: a new writer says "the roof door of building 4"
 * where the cue said "the top floor". What carries over is the kind of thing said (a leave-taking, things handed on, a
 * means or a place, being unreachable, the calm of a decision, a time that is close) and which kinds come together, so the
 * features here are the classes a message's words fall in and how many come together, never the words themselves; the danger model
 * (dangerModel.ts) keeps the words. A small regression over them (the field model) only raises a `none` to `unclear`
 * (danger.ts): it never makes an emergency card and never lowers anything.
 *
 * Each class is a list of whole tokens, `prefix*` and `two_tokens`, in both languages, matched on the danger tokens
 * (lower case, no diacritics, contractions spelled out: "won't" is "will not").
 */
const FIELD_CLASSES = {
  /** Saying goodbye, asking forgiveness, thanking everyone, a letter or a note. */
  leaveTaking: [
    'goodbye', 'goodbyes', 'bye', 'farewell', 'forgive*', 'sorry', 'letter', 'letters', 'note', 'notes', 'thank', 'thanks', 'grateful', 'fault',
    'afscheid*', 'doei', 'dag_allemaal', 'vaarwel', 'excuses', 'vergeef*', 'vergeven', 'brief', 'briefje', 'brieven', 'bedank*', 'dankjewel', 'dankbaar', 'schuld',
  ],
  /** Affairs settled, things handed on: a pet, plants, passwords, keys, belongings, a will, debts paid. */
  handingOn: [
    'gave', 'give', 'giving', 'given', 'cat', 'cats', 'dog', 'dogs', 'plants', 'password*', 'pin', 'keys', 'will_is', 'testament', 'insurance', 'belongings',
    'inherit*', 'affairs', 'debts', 'paid', 'sorted', 'arranged', 'take_care', 'look_after', 'deleted', 'cancelled', 'canceled',
    'weggegeven', 'weggeven', 'geef', 'gaf', 'gegeven', 'kat', 'katten', 'hond', 'planten', 'wachtwoord*', 'pincode', 'sleutel*', 'verzekering*', 'spullen',
    'erven', 'geregeld', 'schulden', 'betaald', 'opgeruimd', 'verwijderd', 'opgezegd', 'zorgen_voor', 'voor_mijn',
  ],
  /** Not being there after a moment: "anymore", "after Friday", "for good", "too late", "niet meer", "voorgoed". */
  finality: [
    'anymore', 'never', 'forever', 'last', 'too_late', 'for_good', 'no_longer', 'nothing_matters', 'not_need', 'need_them', 'back_down', 'coming_back', 'driving_back', 'without_me', 'after_that',
    'disappear*', 'gone', 'end', 'over_for',
    'niet_meer', 'nooit', 'laatste', 'voorgoed', 'te_laat', 'zonder_mij', 'verdwijn*', 'weg_zijn', 'einde', 'eind', 'terugkom*', 'nodig_hebben',
  ],
  /** A means: medicines by name or kind, a rope or cable, a blade, a gun, charcoal, a hose. */
  means: [
    'pill*', 'tablet*', 'paracetamol', 'ibuprofen', 'insulin*', 'morphin*', 'morfine', 'fentanyl', 'oxycod*', 'opiat*', 'opioid*', 'benzo*', 'oxazepam',
    'diazepam', 'temazepam', 'lorazepam', 'sleeping_pills', 'meds', 'medication*', 'ampoule*', 'potassium', 'rope', 'noose', 'cable', 'belt', 'blade*',
    'razor*', 'knife', 'gun', 'pistol', 'charcoal', 'hose', 'overdose', 'dose', 'doses', 'syringe*', 'ligature',
    'slaappil*', 'medicijn*', 'medicatie', 'ampul*', 'kalium', 'touw', 'strop', 'kabel', 'riem', 'mesje*', 'scheermes*', 'houtskool', 'slang', 'spuit*',
    'dosis', 'overdosis', 'insuline', 'opiaten', 'strips', 'strip',
  ],
  /** A place to fall or to be hit: a roof, a bridge, a window high up, tracks, water, a parking garage. */
  place: [
    'roof', 'rooftop', 'bridge', 'window', 'ledge', 'edge', 'tracks', 'track', 'rails', 'railway', 'train', 'trains', 'platform', 'cliff', 'dunes', 'sea',
    'river', 'canal', 'dike', 'parking_garage', 'top_level', 'top_floor', 'tower', 'motorway', 'highway', 'balcony', 'high', 'floor', 'jump', 'water', 'woods',
    'dak', 'brug', 'raam', 'rand', 'spoor', 'spoorlijn', 'spoorwegovergang', 'trein', 'treinen', 'perron', 'duinen', 'zee', 'rivier', 'gracht', 'kanaal',
    'dijk', 'parkeergarage', 'bovenste', 'verdieping', 'toren', 'snelweg', 'balkon', 'hoog', 'springen', 'bos',
  ],
  /** Unreachable: a phone off or going to voicemail, not answering, not seen since. */
  unreachable: [
    'voicemail', 'answering', 'answer', 'reachable', 'unreachable', 'phone_off', 'phone_is', 'not_seen', 'seen_her', 'seen_him', 'missing', 'offline', 'respond*', 'replying', 'since_then',
    'bereikbaar', 'onbereikbaar', 'opnemen', 'neemt_niet', 'telefoon_uit', 'telefoon_staat', 'gezien', 'vermist', 'reageert', 'sindsdien', 'niks_meer',
  ],
  /** The calm of a decision, a chosen date, being ready. */
  decided: [
    'calm', 'relieved', 'peace', 'peaceful', 'decided', 'decision', 'chosen', 'picked', 'date', 'ready', 'finally', 'sure', 'plan', 'planned',
    'rustig', 'opgelucht', 'rust', 'besloten', 'besluit', 'beslissing', 'gekozen', 'datum', 'klaar', 'eindelijk', 'zeker', 'plan', 'gepland',
  ],
  /** An amount worked out or saved up. */
  amount: [
    'enough', 'how_many', 'how_much', 'lethal', 'fatal', 'saved', 'saving', 'collected', 'stockpil*', 'counted', 'would_take', 'exactly',
    'genoeg', 'hoeveel', 'dodelijk', 'fataal', 'gespaard', 'sparen', 'verzameld', 'geteld', 'precies',
  ],
  /** Despair: a burden, tired of it all, no point, alone, nobody would miss. */
  despair: [
    'burden', 'tired', 'exhausted', 'hopeless', 'pointless', 'worthless', 'better_off', 'alone', 'empty', 'miss_me', 'no_point', 'can_not', 'cannot', 'anyone',
    'last', 'moe', 'uitgeput', 'hopeloos', 'zinloos', 'waardeloos', 'beter_af', 'alleen', 'leeg', 'missen', 'geen_zin', 'kan_niet', 'niemand',
  ],
  /** A time that is close: tonight, tomorrow, a weekday, within the hour. */
  closeTime: [
    'tonight', 'now', 'today', 'tomorrow', 'tmrw', 'soon', 'later', 'already', 'this_morning', 'this_evening', 'monday', 'tuesday', 'wednesday', 'thursday',
    'friday', 'saturday', 'sunday', 'weekend', 'hour', 'hours', 'minutes', 'min', 'before',
    'vanavond', 'vannacht', 'nu', 'vandaag', 'morgen', 'straks', 'binnenkort', 'al', 'vanochtend', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag',
    'zaterdag', 'zondag', 'uur', 'minuten', 'voordat',
  ],
  /** The act left unnamed: "end it", "do it", "go through with it", "not wake up", "if something happens to me", "er een eind aan", "niet meer wakker". */
  veiled: [
    'end_it', 'do_it', 'through_with', 'wake_up', 'happens_to', 'happen_to', 'long_sleep', 'sleep_forever', 'make_it', 'be_free', 'what_comes', 'the_end', 'for_ever',
    'een_eind', 'een_einde', 'een_punt', 'het_doen', 'het_gaan', 'wakker_worden', 'overkomt', 'gebeurt_met', 'ermee_ophouden', 'ermee_stoppen', 'eruit_stappen', 'uit_het_leven',
  ],
  /** The writer. */
  writer: ['i', 'me', 'my', 'myself', 'ik', 'mij', 'mijn', 'mezelf', 'mijzelf'],
  /** Someone else: a colleague, a friend, he or she. */
  someoneElse: [
    'she', 'he', 'her', 'him', 'his', 'colleague', 'friend', 'intern', 'student', 'resident', 'nurse', 'daughter', 'son', 'husband', 'wife', 'partner', 'brother', 'sister',
    'ze', 'zij', 'hij', 'haar', 'hem', 'collega', 'vriend', 'vriendin', 'stagiair*', 'coassistent', 'verpleegkundige', 'dochter', 'zoon', 'man', 'vrouw', 'broer', 'zus',
  ],
  /** Words of calm contexts: a patient's care, a drill, the news, a story, a joke, years ago, recovery, therapy. */
  calmContext: [
    'patient', 'patients', 'ward', 'protocol', 'drill', 'training', 'exercise', 'simulation', 'news', 'article', 'film', 'movie', 'series', 'book', 'novel',
    'podcast', 'joke', 'joking', 'haha', 'lol', 'years', 'ago', 'recovered', 'therapy', 'therapist', 'psychologist', 'doctor', 'gp', 'course', 'lecture',
    'presentation', 'policy', 'case', 'role_play', 'exam', 'quiz', 'better_now', 'doing_well', 'procedure',
    'pt', 'patienten', 'afdeling', 'oefening', 'simulatie', 'nieuws', 'artikel', 'serie', 'boek', 'roman', 'grap', 'grapje', 'jaren', 'geleden', 'hersteld', 'therapie',
    'psycholoog', 'huisarts', 'arts', 'cursus', 'college', 'presentatie', 'beleid', 'casus', 'rollenspel', 'tentamen', 'beter', 'procedure',
  ],
} as const;

export type FieldClass = keyof typeof FIELD_CLASSES;
const CLASS_NAMES = Object.keys(FIELD_CLASSES) as FieldClass[];
/** The classes that tell self-harm sideways (not the writer, someone else or a calm context): a message with none of them is no matter for the field model. */
const TELLING_CLASSES: ReadonlySet<FieldClass> = new Set(['veiled', 'leaveTaking', 'handingOn', 'finality', 'means', 'place', 'unreachable', 'decided', 'amount', 'despair']);
/** The rules' kinds the field model reads beside the classes: the frames and times that make the field calm or close. */
const FIELD_MODEL_KINDS: ReadonlySet<CueKind> = new Set<CueKind>([
  'figurative', 'clinical', 'hypothetical', 'procedure', 'training', 'news', 'post', 'joke', 'resolved', 'reported', 'past', 'recent', 'future', 'negation',
]);

interface ClassIndex {
  readonly words: ReadonlyMap<string, FieldClass[]>;
  readonly pairs: ReadonlyMap<string, FieldClass[]>;
  readonly prefixes: readonly (readonly [string, FieldClass])[];
}

function indexClasses(): ClassIndex {
  const words = new Map<string, FieldClass[]>();
  const pairs = new Map<string, FieldClass[]>();
  const prefixes: [string, FieldClass][] = [];
  for (const name of CLASS_NAMES) {
    for (const term of FIELD_CLASSES[name]) {
      if (term.endsWith('*')) prefixes.push([term.slice(0, -1), name]);
      else {
        const into = term.includes('_') ? pairs : words;
        into.set(term, [...(into.get(term) ?? []), name]);
      }
    }
  }
  return { words, pairs, prefixes };
}

const INDEX = indexClasses();

/** The classes a message's tokens fall in; linear in the tokens (a prefix list of a few dozen entries per token). */
export function fieldClasses(tokens: TokenisedText): Set<FieldClass> {
  const found = new Set<FieldClass>();
  for (const { tokens: words } of tokens.sentences) {
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i];
      for (const name of INDEX.words.get(word) ?? []) found.add(name);
      if (i + 1 < words.length) for (const name of INDEX.pairs.get(`${word}_${words[i + 1]}`) ?? []) found.add(name);
      for (const [prefix, name] of INDEX.prefixes) if (word.length > prefix.length && word.startsWith(prefix)) found.add(name);
    }
  }
  return found;
}

/** Whether a message says anything of the field at all; the field model judges only those. */
export function tellsOfTheField(classes: ReadonlySet<FieldClass>): boolean {
  for (const name of classes) if (TELLING_CLASSES.has(name)) return true;
  return false;
}

/**
 * The field model's features: the classes, how many telling classes come together, and the rules' frames and times. Pairs of
 * classes as features, and the rules' own field kinds, caught fewer urgent messages left out in turn for more calm ones: the
 * kinds are phrases again, and the pairs let the model learn one writer's combinations.
 */
export function fieldFeatures(classes: ReadonlySet<FieldClass>, cueKinds: ReadonlySet<CueKind>): string[] {
  const sorted = CLASS_NAMES.filter((name) => classes.has(name));
  const features = sorted.map((name) => `c:${name}`);
  const telling = sorted.filter((name) => TELLING_CLASSES.has(name)).length;
  for (let count = 2; count <= Math.min(telling, 4); count += 1) features.push(`n:${count}`);
  for (const kind of cueKinds) if (FIELD_MODEL_KINDS.has(kind)) features.push(`k:${kind}`);
  return features;
}
