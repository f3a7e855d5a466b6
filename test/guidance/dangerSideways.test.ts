import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { compileDangerCues, type DangerAssessor } from '../../src/guidance/classifier/danger';

const root = path.resolve(__dirname, '..', '..');
/** The rules alone. */
let assess: DangerAssessor;

beforeAll(() => {
  const content = loadContent(path.join(root, 'content'));
  assess = compileDangerCues(content.dangerCues);
});

/*
 * Self-harm as a field, not as phrases (dangerKinds.ts: farewell, method, absence, plan). People tell an intention to die
 * without the textbook words, by arrangements and farewells, a means or a place, not being there any more, a plan or a
 * question of amount. One such kind alone is an ordinary thing to say at work; two together get at least the danger
 * question. Every sentence here was written for this test; none comes from an evaluation set.
 */
describe('two kinds of the self-harm field in one message get at least the danger question', () => {
  test.each([
    ['a farewell and a plan, first person', 'My neighbour has agreed to take my cat, so that is sorted at least.'],
    ['a farewell and a plan, paying off and tidying', 'I cancelled my gym membership and paid off what I owed, everything is tidy now.'],
    ['a means and a plan: counting one’s own tablets', 'I have been counting my tablets every evening and there are enough now.'],
    ['a means and a plan: something that would hold one’s weight', 'There is a cable in the shed that would hold my weight.'],
    ['a means and a plan: saving one’s own medicines', 'I have been putting aside my sleeping tablets for a few weeks now.'],
    ['a place one keeps thinking of', 'Keep thinking about the bridge over the ring road on my way home.'],
    ['a height and a question of being sure', 'What floor do you need to fall from to be sure?'],
    ['a dose and a question of amount', 'Is 40 mg of oxazepam enough for an adult to die?'],
    ['a chosen day and a resolve', 'Friday is the day. I have chosen it carefully.'],
    ['a final apology with a resolve', 'Please forgive me for what I am about to do.'],
    ['third person: a lethal dose asked about', 'My intern asked what dose of insulin would be fatal.'],
    ['third person: a date and saved pills', 'A nurse on my ward told me she has been saving up her pills and that she picked a date.'],
    ['een afscheid en een plan', 'Mijn buurvrouw neemt de kat, dat is in ieder geval geregeld.'],
    ['wachtwoorden voor het geval dat', 'Ik heb al mijn wachtwoorden opgeschreven voor mijn man, voor het geval dat.'],
    ['eigen pillen tellen', 'Ik tel elke avond mijn pillen en het zijn er nu genoeg.'],
    ['een kabel die een gewicht houdt', 'Er ligt een kabel in de schuur die mijn gewicht houdt.'],
    ['een gekozen dag', 'Vrijdag is de dag. Ik heb hem zorgvuldig gekozen.'],
    ['steeds aan een plek denken', 'Ik moet steeds aan die brug over de ringweg denken als ik naar huis rijd.'],
    ['vergeving voor wat komt', 'Vergeef me voor wat ik ga doen.'],
    ['derde persoon: een datum en opgespaarde pillen', 'Een verpleegkundige vertelde dat ze haar pillen heeft opgespaard en een datum heeft gekozen.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(harm).toBe('selfHarm');
  });

  test.each([
    ['a farewell card for someone retiring', 'I wrote a farewell card for a colleague who is retiring on Friday.'],
    ['a ward’s medicine count', 'We counted the opioids at the end of the shift and two ampoules were missing, who do I report that to?'],
    ['a pet looked after during a holiday', 'My neighbour is taking my cat while I am on holiday in Spain.'],
    ['giving away old books', 'I am giving away my old textbooks to the new interns, anyone want them?'],
    ['a bridge on the way to work', 'The bridge on the ring road is closed so I will be late for my shift.'],
    ['a clinical overdose protocol', 'The overdose protocol for paracetamol says to start acetylcysteine within eight hours.'],
    ['a leaving party', 'Thank you all for the lovely farewell party, I will miss working with you in my new job.'],
    ['a joke about a rope', 'He joked that he keeps a rope in his locker for the next audit, everyone laughed.'],
    ['last week is no burden', 'Last week he said he would break my fingers and I keep thinking about it.'],
    ['een afscheidsborrel', 'Bedankt voor de afscheidsborrel, ik ga jullie missen in mijn nieuwe baan.'],
    ['een telling van de afdeling', 'We hebben de opiaten geteld en er ontbreken twee ampullen, bij wie meld ik dat?'],
    ['een kat tijdens de vakantie', 'Mijn buurvrouw neemt de kat terwijl ik op vakantie ben.'],
    ['een brug die dicht is', 'De brug over de ringweg is dicht dus ik ben te laat voor mijn dienst.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('not being there any more, told of oneself, is despair on its own', () => {
  test.each([
    ['easier for everyone if one disappeared', 'It would be easier for everybody if I disappeared.'],
    ['not picturing oneself here', 'I do not see myself being here at Christmas.'],
    ['no more worry about me', 'Soon you will not have to worry about me anymore.'],
    ['not at work, nor any other day', 'i wont be at work on monday. or any other day.'],
    ['better off without me, chat spelling', 'tbh everyone wud b better off w/o me'],
    ['zichzelf niet meer zien', 'ik zie mezelf niet meer hier met kerst'],
    ['geen zorgen meer om mij', 'Binnenkort hoeven jullie je geen zorgen meer om mij te maken.'],
    ['er niet zijn, of ooit nog', 'maandag ben ik er niet. of ooit nog.'],
    ['makkelijker voor iedereen', 'Het zou voor iedereen makkelijker zijn als ik verdwijn.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a meeting without me', 'They held the team meeting without me again and nobody told me why.'],
    ['files that disappeared', 'My files disappeared from the shared drive after he had access.'],
    ['een overleg zonder mij', 'Ze hebben het overleg weer zonder mij gehouden.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('someone unreachable after a farewell, a pet given to someone, nobody to miss her (Dutch verb-final order)', () => {
  test.each([
    ['thanks for everything, then the phone off', 'My flatmate texted the team thanks for everything and since then her phone is off.'],
    ['a farewell and nobody knows where he went', 'He said goodbye to all of us this morning and nobody knows where he is now.'],
    ['bedankt voor alles, daarna onbereikbaar', 'Een collega appte bedankt voor alles en is sindsdien niet meer bereikbaar.'],
    ['de hond bij iemand anders en een vangrail', 'Mijn stagiair vroeg of ik zijn hond wil houden en zei iets over de vangrail op de A12.'],
    ['niemand die haar mist, met een middel', 'Een collega zei dat ze morfine mee naar huis heeft genomen en dat niemand haar zal missen.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a phone switched off in a meeting', 'Please keep your phone switched off in the meeting, thanks for everything you do.'],
    ['een hond die iemand wil hebben', 'Mijn buurman wil een hond hebben en vroeg om advies.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('present violence told by what is heard, or by a person thrown against something', () => {
  test.each([
    ['a struggle heard now', 'I can hear thuds and screaming from the office next door.'],
    ['someone thrown against a wall', 'A visitor just threw him against the wall in the lobby.'],
    ['een worsteling die je hoort', 'Ik hoor gegil en gebonk uit de spoelruimte.'],
    ['iemand tegen de grond gesmeten', 'Een bezoeker smijt hem op de grond bij de ingang.'],
    ['iemand die tegen de muur wordt gegooid, gehoord', 'Ik hoor gebonk, het klinkt alsof iemand tegen de muur wordt gegooid.'],
    ['door het hoofd schieten', 'Een bezoeker roept dat hij de arts door zijn kop schiet.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a file thrown on a table', 'He threw the file on the table and walked out of the meeting.'],
    ['een dossier op tafel gesmeten', 'De specialist smeet een dossier op tafel en liep de vergadering uit.'],
    ['screaming heard last week', 'Last week I heard screaming from the office next door, it turned out to be a film.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('more kinds of the field: medicines held back, amounts worked out, things handed on, peace found, a last message', () => {
  test.each([
    ['medicines held back from a prescription', 'I have been hiding some of the diazepam from my prescription in a sock drawer.'],
    ['an amount worked out', 'My colleague said she has worked out exactly how much morphine she needs.'],
    ['the most painless medicine', 'i have been reading about which medications are the most painless'],
    ['a drug named by its kind, with a question of doing it', 'Could 30 of my sertraline do it?'],
    ['a car handed on and nowhere to go', 'My brother can have my car, I will not be driving anywhere after Friday.'],
    ['the calm of a decision', 'It is weird how calm I feel now that I have decided.'],
    ['enough saved and wanting to stop', 'Everything hurts and I just want to stop. I have got enough saved up.'],
    ['peace at a height', 'She posted a photo from the top of the parking garage with the words finally peace.'],
    ['a phone’s code handed over', 'He gave me the code to his phone and said I will need it soon.'],
    ['a last message to a parent', 'tell mum im sorry. i tried'],
    ['whoever finds me', 'I have written a note for whoever finds me.'],
    ['no problem for much longer', 'I will not be a problem for the team much longer, promise.'],
    ['medicijnen apart gehouden', 'Ik heb wat diazepam van mijn recept apart gehouden in een la.'],
    ['uitgerekend hoeveel', 'Een collega zegt dat ze precies heeft uitgerekend hoeveel morfine ze nodig heeft.'],
    ['een auto weggegeven, nergens meer heen', 'Mijn broer mag mijn auto hebben, ik rij na vrijdag nergens meer heen.'],
    ['de rust van een besluit', 'Raar hoe rustig ik me voel nu ik het besloten heb.'],
    ['niet lang meer een probleem', 'Ik ben niet lang meer een probleem voor het team, beloofd.'],
    ['zeg tegen mama dat het me spijt', 'zeg tegen mama dat het me spijt'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a decision to file a complaint', 'I feel calm now that I have decided to file a complaint about my supervisor.'],
    ['a dose question about a patient', 'How many blood pressure pills should a patient take in the morning?'],
    ['a car handed on for a new one', 'My brother can have my old car, I am getting a new one on Friday.'],
    ['a supply room’s code', 'She gave me the code to the supply room so I could restock.'],
    ['a day off tomorrow because of a strike', 'If I am not in tomorrow it is because of the train strike.'],
    ['saving for a holiday', 'I am saving up for a holiday to Portugal, finally some sun.'],
    ['a show that is a joke', 'The surgeon and the anaesthetist pretend to attack each other with a scalpel over football, purely for show.'],
    ['een klacht besloten', 'Ik voel me rustig nu ik besloten heb een klacht in te dienen.'],
    ['een oude auto weggeven', 'Mijn broer mag mijn oude auto hebben, ik krijg vrijdag een nieuwe.'],
    ['een dosis voor een patiënt', 'Hoeveel morfine krijgt een patiënt van 70 kilo postoperatief?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('one’s own funeral, feeling nothing, without a trace, a card for everyone, plans cancelled, where one is going', () => {
  test.each([
    ['one’s own funeral, planned last night', 'I made a playlist for my funeral last night, strange how easy it was.'],
    ['feeling nothing with enough pills', 'Is it true that you do not feel anything if you take enough sleeping pills with alcohol?'],
    ['tired of being on earth', 'i am so tired of being here. like, here here. on earth.'],
    ['a card for everyone and an end soon', 'My flatmate has written everyone a card and keeps saying it will be over soon.'],
    ['a heart stopped without a trace', 'The new nurse asked which of the drugs on our ward would stop a heart without a trace.'],
    ['thanks for a friendship, then not at home', 'My friend sent me a voice message thanking me for being her friend, and now she is not at home.'],
    ['appointments cancelled, no need for them', 'I have cancelled my appointments for next month. There is no need for them.'],
    ['things given away for where he is going', 'A resident gave away his instruments and said he will not need a stethoscope where he is going.'],
    ['de eigen uitvaart', 'Ik heb vannacht een afspeellijst voor mijn uitvaart gemaakt.'],
    ['niks voelen met genoeg slaappillen', 'Klopt het dat je niks voelt als je genoeg slaappillen met drank neemt?'],
    ['een hart stoppen zonder sporen', 'Een verpleegkundige vroeg welk middel een hart laat stoppen zonder dat je het terugvindt.'],
    ['afspraken afgezegd, niet meer nodig', 'Ik heb mijn afspraken voor volgende maand afgezegd. Die zijn niet meer nodig.'],
    ['weggeven voor waar hij heen gaat', 'Een arts-assistent geeft zijn instrumenten weg en zei dat hij ze niet meer nodig heeft waar hij heen gaat.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a playlist for an outing', 'I made a playlist for the team outing last night.'],
    ['appointments cancelled for the flu', 'I cancelled my appointments for next week because I have the flu.'],
    ['an interaction asked about', 'Is it true that sleeping pills and alcohol interact? A patient asked me.'],
    ['afspraken afgezegd wegens griep', 'Ik heb mijn afspraken voor volgende week afgezegd want ik heb griep.'],
    ['een afspeellijst voor het teamuitje', 'Ik heb een afspeellijst gemaakt voor het teamuitje.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});
