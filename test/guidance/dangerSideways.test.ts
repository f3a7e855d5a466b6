import path from 'node:path';
import { loadContent } from '../../src/content/loadContent';
import { createClassifier } from '../../src/guidance/classifier';
import { compileDangerCues, type DangerAssessor } from '../../src/guidance/classifier/danger';
import { readQuestions } from '../../scripts/evaluate-classifier';

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

/*
 * Kinds of the field the twelfth set's writers used (7 December night), each told here in new sentences, with the everyday
 * sentences that share their words: a leaving told as meant for good ("and I don't mean a holiday"), who will find them or
 * notice, a matter that ends after a day, things handed on (keys, a note on the table, a cleared desk, a pet rehomed, messages
 * that send themselves), not being needed any more, peace with a choice; and a past time that dates only its own sentence.
 */
describe('a leaving told as meant for good, with a second kind, gets at least the danger question', () => {
  test.each([
    ['not here after the weekend, and no holiday meant', 'I will not be around after Sunday, and I do not mean a holiday.'],
    ['disappearing, permanently meant', 'Honestly I want to disappear. Permanently I mean, not like a trip.'],
    ['leaving everything, not the job', 'My manager thinks I am resigning but I mean leaving everything. It will not matter after this week.'],
    ['asking for a reason beside a question of being found', 'How long before someone notices an empty on-call room? Asking for a reason.'],
    ['there is no trip', 'I told my team I am off on a long trip. There is no trip, and nobody needs to chase me about the rota.'],
    ['geen vakantie bedoeld', 'Na zondag ben ik er niet meer, en dan bedoel ik geen vakantie.'],
    ['niet voor een andere baan', 'Mijn pensioen heb ik niet meer nodig. Ik vertrek, maar niet naar een andere baan.'],
    ['niet zomaar gevraagd', 'Zou iemand het merken als ik een paar dagen niet kom? Ik vraag het niet zomaar.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(harm).toBe('selfHarm');
  });

  test.each([
    ['sick leave, not a holiday', 'I need time off, and I do not mean a holiday, I mean sick leave after what my manager said to me.'],
    ['leaving for good to another country', 'I am leaving for good, moving back to Portugal next month. Thanks everyone for the farewell card!'],
    ['not for a new job but for study', 'My last day is tomorrow, not because of a new job but because I am going back to university.'],
    ['a decision to report', 'I have thought it through and the decision is made: I am filing a complaint about my supervisor.'],
    ['a question asked for a reason about e-mails', 'Asking for a reason: is it normal that my supervisor reads my private e-mails?'],
    ['ziekteverlof, geen vakantie', 'Ik bedoel geen vakantie maar ziekteverlof, na wat mijn manager zei. Met wie kan ik praten?'],
    ['voorgoed naar Spanje', 'Ik ga voorgoed terug naar Spanje, bedankt iedereen voor de mooie tijd!'],
    ['een besluit om te melden', 'Ik heb er goed over nagedacht en het besluit is genomen: ik dien een klacht in.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('who will find them, who will notice, a matter that ends after a day, with a second kind', () => {
  test.each([
    ['not wanting someone to find one, with a note', 'There is a note for my sister on the kitchen table. I do not want her to be the one who finds me.'],
    ['who finds people, asked for a reason', 'Who usually finds people in the staff toilets at night? Asking for a reason.'],
    ['how long before anyone notices, never again', 'How long until anyone notices if I do not show up? I will not be showing up ever again.'],
    ['nothing will matter after tonight, affairs sorted', 'After tonight none of the deadlines will matter anymore. My debts are paid off.'],
    ['the end for me, a message passed on', 'Can you pass a message to my mentor that I am sorry. Tonight is the end for me.'],
    ['not a problem for anyone after the weekend', 'I will not be a problem for anyone after this weekend.'],
    ['niet willen dat iemand je vindt', 'Er ligt een briefje op de keukentafel. Ik wil niet dat mijn vriend mij vindt.'],
    ['het maakt niet meer uit, met een middel', 'Na vanavond maakt het niet meer uit. De oxazepam ligt al klaar.'],
    ['het einde, met een afscheid', 'Bedankt voor alles allemaal. Vanavond is het einde voor mij.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(harm).toBe('selfHarm');
  });

  test.each([
    ['a new post HR would find', 'I do not want HR to find me a new position, I want my supervisor to stop shouting at me.'],
    ['a stock discrepancy noticed', 'How long before someone notices the stock discrepancy? I think my colleague is taking money from the coffee fund.'],
    ['an audit that ends', 'It will not matter after Friday, the audit is done by then. What does the code of conduct say about gifts?'],
    ['a meeting skipped', 'Would anyone even notice if I skipped the team meeting? My manager keeps humiliating me there.'],
    ['the problem in every conflict', 'I am tired of being the problem in every conflict my manager describes. Is that bullying?'],
    ['a message about a missed meeting', 'Can you pass a message to my supervisor that I am sorry I missed the meeting? My train was late.'],
    ['een nieuwe functie', 'Ik wil niet dat HR mij vindt voor een nieuwe functie, ik wil dat mijn baas stopt met schreeuwen.'],
    ['een audit die klaar is', 'Het maakt niet meer uit na vrijdag, dan is de audit klaar. Wat zegt de gedragscode over cadeaus?'],
    ['te laat door de trein', 'Kun je aan mijn leidinggevende doorgeven dat het me spijt dat ik te laat was? De trein had vertraging.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('things handed on and peace with a choice, with a second kind', () => {
  test.each([
    ['keys with someone and peace', 'Thank you all for the years together. By the time anyone reads this I will be at peace. The ward keys are with Sanne.'],
    ['a cleared desk and the calm of it', 'Gave my rabbit to my sister yesterday and cleaned out my locker. Feels strangely calm.'],
    ['a pet rehomed, the rent paid, all that was left', 'Rent paid, dog rehomed, letter written. That was everything that was left.'],
    ['messages that send themselves', 'I have scheduled some emails that send themselves on Friday. After that nobody has to worry about me.'],
    ['accounts deleted, the last thing', 'I deleted all my accounts and wrote to my brother. It was the last thing I had to do.'],
    ['at peace with a choice, do not try to change it', 'I am at peace with it. Please do not try to change my mind.'],
    ['sleutels afgegeven en rust', 'Tegen de tijd dat iemand dit leest heb ik eindelijk rust. De sleutels liggen bij Pieter.'],
    ['de kat ondergebracht, alles gedaan', 'De kat is ondergebracht en de huur is betaald. Dat was alles wat nog moest.'],
    ['accounts verwijderd en vrede met de keuze', 'Ik heb mijn accounts verwijderd. Ik heb vrede met mijn keuze.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(harm).toBe('selfHarm');
  });

  test.each([
    ['a retirement with keys handed on', 'Thank you all for the lovely years, my last shift is on Friday and then I retire. The ward keys are with Pieter.'],
    ['a plane by the time someone reads', 'By the time you read this I will be on the plane to Lisbon, the handover notes are on your desk.'],
    ['a pet with the neighbour on holiday', 'My cat is with my neighbour while I am on holiday, so I can take the extra shift.'],
    ['a desk cleared for a move', 'I cleaned out my desk because we move to the new building on Monday. Where does confidential paper go?'],
    ['at peace with a report', 'I am at peace with my decision to report it. Who will see my report?'],
    ['accounts deleted because of photos', 'I deleted my accounts on the hospital forum because someone kept posting photos of me. What can I do?'],
    ['een verhuizing van het bureau', 'De huur is betaald en het contract getekend, volgende week begin ik op de nieuwe afdeling.'],
    ['rust na een klacht', 'Ik voel me rustig eerlijk gezegd nu ik de klacht heb ingediend. Wat gebeurt er nu?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('a past time dates the preparation in its own sentence, not a kind told in another', () => {
  test.each([
    ['saved up weeks ago, lighter without me now', 'Everyone here would be lighter without me. I saved up my tablets a few weeks ago.'],
    ['affairs sorted last week, nothing matters after tonight', 'I sorted my affairs last week. Nothing will matter after tonight.'],
    ['vorige week gespaard, beter af zonder mij', 'Mijn team is beter af zonder mij. Ik heb vorige maand mijn pillen opgespaard.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });

  test.each([
    ['a field told wholly in the past', 'Two years ago I gave away my things and counted my pills. I got help and I am doing well now.'],
    ['the aftermath of someone else’s harm', 'Last year a surgeon hit my arm with a retractor during an operation; I still keep thinking about it.'],
    ['de nasleep van andermans geweld', 'Vorig jaar werd ik door een supervisor tegen mijn arm geslagen met een haak; ik denk er nog vaak aan.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('more ways of telling the field: whom things go to, a reason not given, being found or blamed, a last look, a date not reached', () => {
  test.each([
    ['a pension’s beneficiary changed without questions', 'How do I change who my savings go to without anyone asking why?'],
    ['not for the reason people think, not there', 'Please take me off the rota for next month. I will not be there, and not for the reasons people think.'],
    ['lists of who gets what', 'I have been making lists of who gets what. My guitar, my car, the dog.'],
    ['blame themselves, a letter left', 'I hope my sister does not blame herself. I left her a letter that explains it.'],
    ['not getting through, pills hoarded', 'I cannot see myself getting through Sunday. I have been hoarding my prescription.'],
    ['a heart stopped, asked for oneself', 'What is the fastest way to stop your heart? Asking for myself.'],
    ['third person: phone left behind, said he was done', 'My flatmate left his phone and wallet behind and walked out, he said he is done. There is a note on the table.'],
    ['the top of a building, telling someone before', 'I am at the top of the stairwell. Just wanted to tell someone before.'],
    ['a video for the children, understood one day', 'I recorded a video for my kids. I hope they understand one day.'],
    ['a date not reached, things handed on', 'My sister gets my flat. I am not planning on seeing spring.'],
    ['been there to look, a bridge', 'I drive past the bridge every evening now. I have been there three times to look.'],
    ['de kat weggebracht, vreemd rustig', 'Gisteren heb ik mijn poes naar mijn broer gebracht. Ik voel me vreemd rustig.'],
    ['wie mensen vindt, niet zomaar gevraagd', 'Wie vindt er eigenlijk de mensen op het dak van de parkeergarage? Ik vraag het niet zomaar.'],
    ['nooit meer komen, hoe lang', 'Hoe lang duurt het voordat iemand het merkt? Ik kom namelijk nooit meer.'],
    ['klaar met alles, een testament', 'Mijn testament ligt in de kast. Ik ben klaar met alles.'],
    ['rust, en de sleutels afgegeven', 'Tegen de tijd dat jullie dit lezen heb ik rust. Mijn pasje ligt bij de receptie.'],
    ['laten weten dat het spijt, vanavond klaar', 'Wil je mijn begeleider laten weten dat het me spijt? Vannacht is het klaar.'],
    ['lijstjes van wie wat krijgt', 'Ik maak lijstjes van wie wat krijgt. Mijn fiets, mijn boeken, de kat.'],
    ['zichzelf de schuld geven, een brief', 'Ik hoop dat mijn ouders zichzelf niets verwijten. Er ligt een brief voor ze.'],
    ['een video voor de kinderen', 'Ik heb een video opgenomen voor mijn kinderen. Ik hoop dat ze het later begrijpen.'],
    ['kerst niet halen, spullen weg', 'Mijn zus krijgt mijn spullen. Ik haal kerst niet.'],
    ['er gaan kijken, een brug', 'Ik fiets elke avond langs de brug bij het station. Ik ben er al vaak gaan kijken.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(['selfHarm', 'despair']).toContain(harm);
  });

  test.each([
    ['who gets which desk', 'Who gets what in the new office layout? My manager keeps giving the best desks to his friends.'],
    ['understood one day, a report', 'I hope they understand one day why I reported him. He was my mentor for years.'],
    ['a colleague who should not blame herself', 'I hope she does not blame herself, the patient fell while she was on her break. Should this be reported?'],
    ['keys left at home', 'I left my phone and keys at home this morning, can someone let me into the locker room?'],
    ['Christmas dinner missed for shifts', 'I am not going to make it to Christmas dinner with the team because of my shifts, is that ok?'],
    ['a video for a school project', 'I recorded a video message for my kids’ school project about my job. Can I use the hospital logo?'],
    ['the top of the building for a photo', 'We went to the top of the building for the team photo and my manager made a sexist joke there.'],
    ['done, a resignation', 'My colleague said she is done. She handed in her resignation because of the bullying.'],
    ['a pension after a divorce', 'Can I change who my pension goes to after my divorce? Which department handles that?'],
    ['not for the reason people think: favouritism', 'Not for the reasons people think: I am leaving because the head of department favours his friends.'],
    ['telling someone before a meeting', 'I wanted to tell someone before the meeting: my supervisor copied my data into his paper.'],
    ['wie wat krijgt bij een verhuizing', 'Wie krijgt wat bij de nieuwe indeling van de afdeling? Mijn baas geeft de beste plekken aan zijn vrienden.'],
    ['kerst met het team', 'Ik haal kerst niet met het team vanwege mijn diensten.'],
    ['klaar na een ontslag', 'Mijn collega zei dat ze klaar is, ze heeft ontslag genomen vanwege het pesten.'],
    ['een pensioen na een scheiding', 'Hoe verander ik naar wie mijn pensioen gaat na mijn scheiding?'],
    ['iemand vertellen voor een klacht', 'Ik wilde het gewoon iemand vertellen voordat ik de klacht indien.'],
    ['lijstjes van wie wat deed', 'Ik heb lijstjes gemaakt van wie wat heeft gedaan, want mijn promotor neemt alle eer.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('out of everyone’s way, found in the on-call room, a relief to be gone, the how and the when', () => {
  test.each([
    ['a means put aside and out of everyone’s hair', 'I have been putting insulin aside. Soon I will be out of everybody’s hair.'],
    ['a last salary to a parent, no questions', 'can my last salary go to my dad. please do not ask why'],
    ['an open window high up, different today', 'On every break I stand by the open window on the 8th floor. Today it felt different.'],
    ['wanting it over, pills from the ward', 'I just want it to be over. The pills from the ward are in my bag.'],
    ['not a bother after this week, a goodbye to a pet', 'I will not be a bother to anyone after this week. Said bye to my cat this morning.'],
    ['nobody walking in, rooms checked at night', 'Does security check the on-call rooms at night? I would rather nobody walks in on me.'],
    ['for good this time, not back', 'Handover is done, for good this time. I will not be back on Monday.'],
    ['a day off chosen so nobody has to deal with it', 'I will do it on my day off so nobody from work has to deal with it.'],
    ['gone a relief, the how and the when', 'Being gone would be a relief for everyone. I already know the how and the when.'],
    ['happier if one did not exist, ways thought of', 'My team would be happier if I did not exist, and I have been thinking of ways to fix that.'],
    ['niet meer in de weg, een middel apart', 'Ik heb oxazepam apart gehouden. Straks loop ik niemand meer in de weg.'],
    ['een laatste salaris, niet vragen waarom', 'Kan mijn laatste salaris naar mijn moeder gaan? Vraag niet waarom.'],
    ['een open raam, vandaag anders', 'In mijn pauze sta ik bij het open raam op de achtste verdieping. Vandaag voelde het anders.'],
    ['het moet voorbij zijn, pillen van de afdeling', 'Ik wil dat het voorbij is. De pillen van de afdeling zitten in mijn tas.'],
    ['zodat niemand ermee te maken krijgt', 'Ik doe het op mijn vrije dag, zodat niemand van het werk er mee te maken heeft.'],
    ['gelukkiger zonder mij, manieren bedacht', 'Het team zou gelukkiger zijn als ik niet bestond. Ik heb nagedacht over manieren.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(harm).toBe('selfHarm');
  });

  test.each([
    ['wanting an investigation over', 'I just want it to be over, the investigation into my supervisor has been going on for months. Who can I talk to?'],
    ['out of everyone’s way at lunch', 'I try to stay out of everyone’s way since the conflict, but my colleagues still exclude me from lunch.'],
    ['a salary while abroad, no questions', 'Can my salary go to my partner’s account while I am abroad? Do not ask why, HR is a mess.'],
    ['an open window left by cleaners', 'The open window on the 5th floor was left open by the cleaners again, is that a safety report?'],
    ['different today: an apology', 'Today it felt different, my manager finally apologised for shouting at me.'],
    ['a goodbye to the ward for a new post', 'Said bye to my colleagues on the ward, starting at the outpatient clinic on Monday.'],
    ['rooms checked at night for theft', 'Does anyone check the storage rooms at night? Stuff keeps disappearing and I think it is theft.'],
    ['the e-learning done on a day off', 'I will do it on my day off, the e-learning on appropriate behaviour I mean. Is it paid?'],
    ['the how and the when of a procedure', 'I know the how and the when of the complaint procedure, but who sees my name?'],
    ['ways to tell a manager', 'I have been thinking of ways to tell my manager that his jokes are inappropriate.'],
    ['a team happier without a bully', 'The team would be happier if she was not around, she bullies the interns.'],
    ['een klachtprocedure die voorbij moet', 'Ik wil gewoon dat het voorbij is, de klachtprocedure duurt al maanden.'],
    ['gedag aan collega’s bij een nieuwe baan', 'Ik heb gedag gezegd tegen mijn collega’s, maandag begin ik op de poli.'],
    ['een team zonder pester', 'Het team zou gelukkiger zijn als hij er niet was, hij pest de stagiairs.'],
    ['een bedreiging in de parkeergarage, lang geleden', 'Een maand geleden zwaaide een man in de parkeergarage met een mes, ik denk er steeds aan.'],
    ['salaris naar een partner', 'Kan mijn salaris naar de rekening van mijn partner gaan? Vraag niet waarom, HR is een chaos.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('things not used after a date, completion felt, amounts hidden, savings moved, a cat fed permanently', () => {
  test.each([
    ['a contract cancelled, nothing used after the month', 'I cancelled my phone contract and the gym, no point paying for things I will not use after this month.'],
    ['things given away, it feels finished', 'Everything I own fits in two boxes, the rest is given away. It feels finished.'],
    ['not the rota, nor anything after this week', 'I will not be able to do the rest of the rota, or anything after this week.'],
    ['amounts bought so nobody would notice, at a means', 'I went to three pharmacies so nobody would notice how many pills I bought.'],
    ['an e-mail to a parent scheduled, everything said', 'I wrote my dad a long e-mail and scheduled it for Sunday. I have said everything I wanted to say.'],
    ['savings moved, now I can stop', 'Already moved my savings to my brother. Now I can stop.'],
    ['a cat to feed, permanently', 'Can someone feed my cat for a while? Like, permanently.'],
    ['work handed over, no mess for anyone', 'My patients are handed over and my passwords are written down. I did not want to leave a mess for anyone.'],
    ['niets meer gebruiken, alles weggegeven', 'Ik heb alles weggegeven, ik gebruik het toch niet meer na deze maand.'],
    ['spaargeld overgemaakt, nu kan ik stoppen', 'Mijn spaargeld heb ik naar mijn zus overgemaakt. Nu kan ik stoppen.'],
    ['een mail ingepland, het voelt af', 'Ik heb een mail aan mijn moeder ingepland voor morgenochtend. Het voelt af.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(['selfHarm', 'despair']).toContain(harm);
  });

  test.each([
    ['an old system not used after the month', 'We will not use the old rota system after this month, who do I ask about access to the new one?'],
    ['a project that feels finished', 'The project feels finished. Can I now report that my supervisor put his name first on my paper?'],
    ['no shifts or anything late, for the children', 'I cannot take any more night shifts, or anything after 10 pm, because of my kids. Is my manager allowed to force me?'],
    ['invoices split so nobody would notice', 'He split the invoices so nobody would notice how much he spent on the trip. Where do I report that?'],
    ['a talk scheduled with a manager', 'I scheduled it for Monday: a talk with my manager about his comments. Can an adviser join?'],
    ['rest after a complaint', 'Now I can rest, the complaint has been filed. Thanks for the help.'],
    ['savings moved to a new bank', 'I transferred my savings to a new bank and now my manager says I must disclose it, is that true?'],
    ['een oud systeem', 'Ik gebruik het oude systeem niet meer na deze maand, wie geeft me toegang tot het nieuwe?'],
    ['een project dat af voelt', 'Het project voelt af. Kan ik nu melden dat mijn promotor zijn naam als eerste heeft gezet?'],
    ['rust na een klacht', 'Nu kan ik rusten, de klacht is ingediend. Bedankt.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

describe('readiness told plainly, a parent to check on, things made someone else’s, a message for when they are older', () => {
  test.each([
    ['a spotless flat, ready', 'My room is spotless and the fridge is empty. I am ready.'],
    ['set for a day, the car handed on', 'Everything is set for Saturday. My sister gets the car.'],
    ['a means reached alone', 'When is the drug cabinet unlocked on nights? I want to be alone when I do it.'],
    ['a parent to check on, not able to', 'Please make sure someone checks on my dad next month, I will not be able to.'],
    ['told what they meant, made up one’s mind', 'I told them all what they meant to me. I have made up my mind.'],
    ['a guitar made someone’s, no matter what', 'I gave my flatmate my bike and told him it is his now, no matter what.'],
    ['a message for the children when older', 'I recorded a message for my kids that they can watch when they are older.'],
    ['no cover needed any more, a promise', 'After Friday nobody will have to cover for me anymore, I promise.'],
    ['a child with grandparents for good now', 'My son is living with his grandparents for good now. It is better for him that way.'],
    ['alles klaar, de auto weggegeven', 'Alles staat klaar voor zaterdag. Mijn zus krijgt de auto.'],
    ['de koelkast leeg, ik ben klaar', 'Mijn kamer is brandschoon en de koelkast is leeg. Ik ben er klaar voor.'],
    ['de fiets is nu van hem, wat er ook gebeurt', 'Ik heb mijn broer mijn fiets gegeven, die is nu van hem, wat er ook gebeurt.'],
    ['een bericht voor als ze ouder zijn', 'Ik heb een video gemaakt voor mijn kinderen, voor als ze ouder zijn.'],
  ])('not none: %s', (_kind, text) => {
    const { level, harm } = assess(text);
    expect(level).not.toBe('none');
    expect(['selfHarm', 'despair']).toContain(harm);
  });

  test.each([
    ['ready for a meeting', 'The slides are set for Monday and I am ready. What do I say if my supervisor interrupts me again?'],
    ['a mother checked on during a course', 'Can someone check on my mum next week? I will not be able to, I am on a course.'],
    ['a made-up mind to report', 'I have made up my mind: I am reporting the professor for taking my data.'],
    ['a desk that is his now', 'My old desk is his now, fine by me. But he also took my patients without asking, is that allowed?'],
    ['no need to apologise', 'My manager says I should apologise to the team. There is no need. What does the code of conduct say?'],
    ['the rota covered, a promise', 'I will not ask anyone to cover for me anymore, I promise, but my manager still shouts at me.'],
    ['klaar voor een gesprek', 'De presentatie staat klaar voor maandag. Wat zeg ik als mijn promotor me weer onderbreekt?'],
    ['een besluit om te melden', 'Ik heb mijn besluit genomen: ik meld de hoogleraar.'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });
});

/*
 * The twelfth set's English first-person self-harm told sideways (40, tune data whose kinds the cues above were written
 * from, so this is in-sample) and its 30 near-misses, through the whole classifier as the bot runs it: found in 30 of 40
 * when the set arrived, in all 40 since the kinds of 7 December night, with `now` and `unclear` on the near-misses unchanged
 * (1 and 2 of 30).
 */
describe('the twelfth set’s English self-harm told sideways, and its near-misses', () => {
  const questions = readQuestions('dev12-tune-en.jsonl');
  const levelsOf = async (category: string) => {
    const content = loadContent(path.join(root, 'content'));
    const classifier = await createClassifier(content.nlu, content.dangerCues, content.nluExamples, content.trainedModels);
    const texts = questions.filter((question) => question.category === category).map((question) => question.text);
    return Promise.all(texts.map(async (text) => (await classifier.classify(text, { locale: 'en' })).danger));
  };

  test('every first-person message gets the emergency card or the danger question', async () => {
    const levels = await levelsOf('self-harm-first-person');
    expect(levels).toHaveLength(40);
    expect(levels.filter((level) => level === 'none')).toEqual([]);
  });

  test('the near-misses get no more alarms than when the set arrived', async () => {
    const levels = await levelsOf('self-harm-near-miss');
    expect(levels).toHaveLength(30);
    expect(levels.filter((level) => level === 'now').length).toBeLessThanOrEqual(1);
    expect(levels.filter((level) => level === 'unclear').length).toBeLessThanOrEqual(2);
  });
});
