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
 * Calm messages that sound alarming (issue 11: `unclear` is the safety net, not the default). Each block names a kind of
 * calm wording that raised the danger question or the emergency card, with the urgent messages of the same words that
 * must keep it. Every sentence was written for this test; none comes from an evaluation set.
 */
describe('the aftermath: how recently it happened, beside a danger told as over', () => {
  test.each([
    ['a blow half an hour ago, the patient sedated since', 'Half an hour ago a patient hit a nurse on 5B. He has been sedated and she is with the team now. What happens next?'],
    ['a knife an hour ago, the police took him', 'There was a visitor with a knife at the entrance about an hour ago. The police took him and nobody got hurt. Who do we talk to?'],
    ['followed twenty minutes ago, home safe now', 'A man followed me from the tram stop twenty minutes ago. I am home safe now, should I tell someone at work?'],
    ['een klap een half uur geleden, hij is gesepareerd', 'Een half uur geleden sloeg een patiënt een collega. Hij is inmiddels gesepareerd en zij drinkt koffie in de teamkamer. Wat nu?'],
    ['een schaar tien minuten geleden, de beveiliging heeft hem meegenomen', 'Tien minuten geleden stond er een man met een schaar te schreeuwen bij de poli. De beveiliging heeft hem meegenomen en iedereen is ongedeerd.'],
    ['een vechtpartij een uur geleden, de politie heeft ze meegenomen', 'Een uur geleden was er een vechtpartij in de hal. De politie heeft beide mannen meegenomen. Moet ik dit melden?'],
  ])('none: %s', (_kind, text) => {
    expect(assess(text).level).toBe('none');
  });

  test.each([
    ['still there after an hour', 'An hour ago he hit her and he is still standing at the desk shouting. Security came but left again.'],
    ['a call for help in another sentence', 'Ten minutes ago he attacked a nurse. Security came, but please hurry!!'],
    ['back again after security came', 'Ten minutes ago he attacked a nurse. Security came but he is back in the corridor.'],
    ['weer terug na de beveiliging', 'Een kwartier geleden sloeg hij een collega. De beveiliging heeft hem meegenomen maar hij staat weer bij de balie.'],
    ['self-harm an hour ago stays urgent', 'She took all her pills an hour ago. Security came and she is calm now.'],
    ['nog steeds daar', 'Een kwartier geleden sloeg hij haar en hij staat nog steeds bij de balie. De beveiliging is weggegaan.'],
    ['zelfbeschadiging blijft dringend', 'Ze heeft een half uur geleden al haar pillen geslikt. De beveiliging heeft haar meegenomen naar de kamer.'],
  ])('not none: %s', (_kind, text) => {
    expect(assess(text).level).not.toBe('none');
  });
});
