import fs from 'node:fs';
import path from 'node:path';
import { DISPATCH_STEPS } from '../../src/bot/dispatch';
import { ROUTES, ROUTE_KINDS } from '../../src/bot/routes';

/** The order of dispatch is documented once, in the README, and this keeps the code to it. */

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('the order in which the bot answers an activity', () => {
  it('is the order the README documents under "One turn"', () => {
    const documented = /^Dispatch order: (.+)$/m.exec(readme)?.[1];
    expect(documented).toBeDefined();
    const names = [...documented!.matchAll(/`([a-z]+)`/g)].map((match) => match[1]);
    expect(DISPATCH_STEPS.map((step) => step.name)).toEqual(names);
  });

  it('has a README row for every step', () => {
    for (const step of DISPATCH_STEPS) expect(readme).toContain(`| \`${step.name}\` |`);
  });

  it('answers card actions before typed text, and checks the length before anything reads the text', () => {
    const order = DISPATCH_STEPS.map((step) => step.name);
    const position = (name: string) => order.indexOf(name);
    expect(position('invoke')).toBe(0);
    expect(position('submit')).toBe(1);
    for (const reader of ['command', 'classify', 'urgency', 'relay', 'danger', 'intent']) expect(position('length')).toBeLessThan(position(reader));
    expect(position('danger')).toBeLessThan(position('intent'));
    expect(position('urgency')).toBeLessThan(position('relay'));
  });

  it('gives every route an explicit kind, and only adviser-card verbs are invokes', () => {
    for (const [verb, route] of Object.entries(ROUTES)) {
      expect(ROUTE_KINDS).toContain(route.kind);
      expect(route.kind === 'invoke').toBe(verb.startsWith('case.'));
      // A route that only typed text reaches has a command or an intent to be reached by.
      if (route.kind === 'message') expect('commands' in route || 'intent' in route).toBe(true);
    }
  });
});
