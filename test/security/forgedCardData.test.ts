import Database from 'better-sqlite3';
import { z } from 'zod';
import { ROUTES, type RouteVerb } from '../../src/bot/routes';
import { startBot, type RunningBot } from '../support/botHarness';
import { cardText, Conversation, type Card } from '../support/conversation';
import { requestAnonymously } from '../support/handoffRequests';
import { TestClock } from '../support/testClock';
import { adaptiveCardActionInvoke, cardSubmitActivity, teamsUser, type TeamsUser } from '../support/teamsActivities';
import { postToBot } from '../support/postToBot';

/**
 * Forged card data over the whole routing table, generated from src/bot/routes.ts: every verb gets
 * a payload its schema accepts (drawn from the schema itself) and then, one change at a time, wrong
 * types, missing and extra fields, prototype names, huge strings and template syntax; every verb
 * that names a case is pressed with another person's case and with a closed one, by requesters,
 * advisers and an outsider; and every verb is sent as the other kind of button. All of it goes over
 * HTTP into the real CloudAdapter, from a Dutch-speaking Teams client. Each forgery gets a Dutch
 * answer (or a 4xx), never the apology of a failed turn, and the stored cases, reminders, outbox,
 * insights and preferences stay byte for byte as they were. A new route is covered by being a row.
 */
jest.setTimeout(300_000);

const femke = teamsUser('Femke Visser', 'nl-NL');
const joost = teamsUser('Joost Mulder', 'nl-NL');
const lotte = teamsUser('Lotte van Dijk', 'nl-NL');
const bram = teamsUser('Bram Veenstra', 'nl-NL');
const eve = teamsUser('Eva Indringer', 'nl-NL');

const clock = new TestClock('2026-12-07T09:30:00Z');
let bot: RunningBot;
/** Lotte's open request, claimed by Femke. */
let openCaseId = '';
/** Bram's request, claimed and closed by Femke. */
let closedCaseId = '';

beforeAll(async () => {
  bot = await startBot({ LOCAL_ADVISORS: [femke, joost].map((adviser) => `${adviser.aadObjectId}:${adviser.name}`).join(';') }, { clock, runBackgroundWork: false });
  for (const person of [femke, joost, lotte, bram, eve]) await new Conversation(bot, person).installs();
  ({ caseId: openCaseId } = await requestAnonymously(bot, lotte, 'Mijn leidinggevende maakt opmerkingen over mijn lichaam'));
  ({ caseId: closedCaseId } = await requestAnonymously(bot, bram));
  await bot.app.outbox.runDueJobs();
  const adviser = new Conversation(bot, femke);
  await adviser.executes('case.claim', { caseId: openCaseId });
  await adviser.executes('case.claim', { caseId: closedCaseId });
  await adviser.executes('case.close', { caseId: closedCaseId, outcome: 'advice-given', followUp: 'false' });
  await bot.app.outbox.runDueJobs();
});
afterAll(async () => {
  await bot?.stop();
});

type AnySchema = z.ZodType & { def: { type: string; [key: string]: unknown } };
type RouteKind = (typeof ROUTES)[RouteVerb]['kind'];

/** The fields of a route's payload, read from its schema. */
function fieldsOf(schema: z.ZodType): Record<string, AnySchema> {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, AnySchema>) : {};
}

/** Text that each schema accepts for a field that holds text; ids are the cases set up above. */
function textFor(field: string): string {
  const samples: Record<string, string> = {
    caseId: openCaseId,
    caseKey: '0'.repeat(40),
    handOverTo: joost.aadObjectId,
    whenDate: '2026-12-01',
    whenTime: '14:30',
    remindDate: '2026-12-08',
    remindTime: '09:00',
    answer: 'witness',
    // A Teams activity id, as the relay choice card carries it.
    messageId: '1733570400000',
  };
  return samples[field] ?? 'Afdeling 5';
}

/** A value the field's schema accepts: required fields only, or optional ones too. */
function acceptedValue(field: string, schema: AnySchema, withOptional: boolean): unknown {
  const { def } = schema;
  switch (def.type) {
    case 'optional':
    case 'default':
      return withOptional ? acceptedValue(field, def.innerType as AnySchema, withOptional) : undefined;
    case 'readonly':
      return acceptedValue(field, def.innerType as AnySchema, withOptional);
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'boolean':
      return false;
    case 'number':
      return 1;
    case 'array':
      return [];
    case 'object':
      return acceptedPayload(schema, withOptional);
    default:
      return textFor(field);
  }
}

function payloadOf(schema: z.ZodType, withOptional: boolean): Record<string, unknown> {
  const entries = Object.entries(fieldsOf(schema)).map(([field, fieldSchema]) => [field, acceptedValue(field, fieldSchema, withOptional)] as const);
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

/** The required fields alone where that is enough (a team dialogue also needs its optional size), else every field. */
function acceptedPayload(schema: z.ZodType, withOptional = false): Record<string, unknown> {
  const required = payloadOf(schema, withOptional);
  return withOptional || schema.safeParse(required).success ? required : payloadOf(schema, true);
}

const HUGE = 'x'.repeat(100_000);
const WRONG_VALUES: readonly (readonly [string, unknown])[] = [
  ['a number', 12345],
  ['a boolean', true],
  ['null', null],
  ['a list', ['witness']],
  ['an object', { nested: { deeper: 1 } }],
  ['100,000 characters', HUGE],
  ['template syntax ${...}', '${$root.title}'],
  ['template syntax {{...}}', '{{name}}'],
  ['an expression naming the case', `\${caseId}`],
];

interface Forgery {
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

/** Every change to an accepted payload that its schema must refuse, one at a time. */
function forgeriesOf(schema: z.ZodType): Forgery[] {
  const accepted = acceptedPayload(schema);
  const full = acceptedPayload(schema, true);
  const candidates: Forgery[] = [
    { name: 'no fields', payload: {} },
    { name: 'an extra field', payload: { ...accepted, unexpected: 'x' } },
    { name: 'a __proto__ field', payload: JSON.parse(`{"__proto__":{"isAdviser":true},${JSON.stringify(accepted).slice(1)}`.replace(',}', '}')) },
    { name: 'a constructor field', payload: { ...accepted, constructor: { prototype: { isAdviser: true } } } },
    { name: 'the requester as a field', payload: { ...full, requester: { personKey: 'someone-else' } } },
  ];
  for (const [field, value] of Object.entries(full)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      candidates.push({ name: `an extra field inside ${field}`, payload: { ...full, [field]: { ...value, unexpected: 'x' } } });
    }
  }
  for (const field of Object.keys(fieldsOf(schema))) {
    const { [field]: _left, ...without } = full;
    candidates.push({ name: `no ${field}`, payload: without });
    for (const [kind, value] of WRONG_VALUES) candidates.push({ name: `${kind} as ${field}`, payload: { ...full, [field]: value } });
  }
  return candidates.filter((candidate) => !schema.safeParse(candidate.payload).success);
}

interface Answer {
  readonly status: number;
  readonly text: string;
}

/** Presses the button as the route's kind sends it (or as the other kind), over HTTP. */
async function press(person: TeamsUser, kind: 'submit' | 'invoke', verb: string, payload: Record<string, unknown>): Promise<Answer> {
  if (kind === 'invoke') {
    const response = await postToBot(bot, adaptiveCardActionInvoke(person, bot.connector.url, verb, payload));
    const body = response.status === 200 ? ((await response.json()) as { value?: Card }) : undefined;
    return { status: response.status, text: cardText({ card: body?.value }) };
  }
  const activity = cardSubmitActivity(person, bot.connector.url, { ...payload, verb });
  const response = await postToBot(bot, activity);
  return { status: response.status, text: bot.connector.repliesTo(activity.id).map((call) => cardText({ card: call.activity.attachments?.[0]?.content })).join('\n') };
}

/**
 * What a forgery must not change: read from the SQLite file itself, not through the bot, once the
 * insights counted so far are written (they are buffered, and written on a timer otherwise).
 */
const GUARDED_TABLES = ['cases', 'reminders', 'outbox', 'insights', 'preferences'] as const;
async function guardedRows(): Promise<string> {
  await bot.app.flushInsights();
  const { storage } = bot.config;
  if (storage.kind !== 'sqlite') throw new Error('reads a SQLite store');
  const database = new Database(storage.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    return GUARDED_TABLES.map((table) => JSON.stringify(database.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all())).join('\n');
  } finally {
    database.close();
  }
}

/** Sentences only the English strings have: a Dutch-speaking person must not get one. */
function englishOnlySentences(): string[] {
  const { en, nl } = bot.app.services.content.strings;
  return Object.entries(en)
    .filter(([key, text]) => text !== nl[key] && text.length > 24 && !text.includes('{'))
    .map(([, text]) => text);
}

function expectLocalizedRefusal(answer: Answer, context: string): void {
  const { strings } = bot.app.services.content;
  expect({ context, status: answer.status }).toEqual({ context, status: 200 });
  expect({ context, answered: answer.text.trim().length > 0 }).toEqual({ context, answered: true });
  expect({ context, apology: answer.text.includes(strings.nl['notice.error.title']) || answer.text.includes(strings.en['notice.error.title']) }).toEqual({
    context,
    apology: false,
  });
  const english = englishOnlySentences().find((sentence) => answer.text.includes(sentence));
  expect({ context, english }).toEqual({ context, english: undefined });
}

const ROUTE_ROWS = Object.entries(ROUTES) as [RouteVerb, (typeof ROUTES)[RouteVerb]][];
/** Who presses a route's button with forged data: the person it is for, with the most to gain. */
const senderFor = (kind: RouteKind): TeamsUser => (kind === 'invoke' ? femke : lotte);
/** A card sends only submit and invoke; a message route is reached by typing, so both kinds of button are forgeries. */
const buttonKindsOf = (kind: RouteKind): ('submit' | 'invoke')[] => (kind === 'message' ? ['submit', 'invoke'] : [kind]);

describe('every object a payload holds is strict', () => {
  // The forgeries below keep only what the schema refuses, so a schema made lenient would drop its own forgeries: this holds it to strict.
  it('refuses an extra field inside any object field of any route, as at the top', () => {
    const lenient: string[] = [];
    for (const [verb, target] of ROUTE_ROWS) {
      const full = acceptedPayload(target.payload, true);
      if (target.payload.safeParse({ ...full, unexpected: 'x' }).success) lenient.push(verb);
      for (const [field, value] of Object.entries(full)) {
        if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
        if (target.payload.safeParse({ ...full, [field]: { ...value, unexpected: 'x' } }).success) lenient.push(`${verb}: ${field}`);
      }
    }
    expect(lenient).toEqual([]);
  });
});

describe('every route, with its payload forged one change at a time', () => {
  it.each(ROUTE_ROWS)('%s', async (verb, route) => {
    // The generator must understand every schema: otherwise the forgeries would test nothing.
    if (route.kind !== 'message') expect(route.payload.safeParse(acceptedPayload(route.payload)).success).toBe(true);
    const forgeries = forgeriesOf(route.payload);
    const before = await guardedRows();
    for (const buttonKind of buttonKindsOf(route.kind)) {
      for (const forgery of forgeries) {
        const answer = await press(senderFor(route.kind), buttonKind, verb, forgery.payload);
        expectLocalizedRefusal(answer, `${verb} (${buttonKind}) with ${forgery.name}`);
        // An adviser's card with data the schema refuses is out of date; before, it told the adviser only advisers may open requests.
        if (buttonKind === 'invoke') expect(answer.text).toContain(bot.app.services.content.strings.nl['advisor.expired.text']);
      }
    }
    expect(await guardedRows()).toBe(before);
  });
});

describe('every route, as the other kind of button', () => {
  it.each(ROUTE_ROWS)('%s', async (verb, route) => {
    const payload = acceptedPayload(route.payload, true);
    const before = await guardedRows();
    const otherKinds = route.kind === 'message' ? (['submit', 'invoke'] as const) : route.kind === 'submit' ? (['invoke'] as const) : (['submit'] as const);
    for (const kind of otherKinds) {
      for (const person of [lotte, femke]) expectLocalizedRefusal(await press(person, kind, verb, payload), `${verb} as ${kind} by ${person.name}`);
    }
    expect(await guardedRows()).toBe(before);
  });
});

describe("every route that names a case, with another person's case and a closed one", () => {
  const caseRoutes = ROUTE_ROWS.filter(([, route]) => 'caseId' in fieldsOf(route.payload));

  it('covers the requester and adviser buttons that name a case', () => {
    expect(caseRoutes.map(([verb]) => verb)).toEqual(expect.arrayContaining(['handoff.cancel', 'handoff.reveal', 'case.claim', 'case.close', 'case.reply', 'case.handOver']));
  });

  it.each(caseRoutes)('%s', async (verb, route) => {
    const attempts: readonly (readonly [TeamsUser, string, string])[] =
      route.kind === 'invoke'
        ? [
            [eve, openCaseId, 'an outsider, on an open case'],
            [lotte, openCaseId, 'the requester, on an adviser button of her own case'],
            [joost, openCaseId, 'an adviser who did not claim it'],
            [femke, closedCaseId, 'the adviser who closed it'],
            [joost, closedCaseId, 'another adviser, on a closed case'],
          ]
        : [
            [eve, openCaseId, "someone else, on another person's open case"],
            [lotte, closedCaseId, "a requester, on another person's closed case"],
            [bram, closedCaseId, 'the requester, on his own closed case'],
          ];
    const before = await guardedRows();
    for (const [person, caseId, who] of attempts) {
      const payload = { ...acceptedPayload(route.payload, true), caseId, reply: 'Hallo', message: 'Hallo' };
      const accepted = route.payload.safeParse(payload).success ? payload : { ...acceptedPayload(route.payload, true), caseId };
      const answer = await press(person, route.kind === 'invoke' ? 'invoke' : 'submit', verb, accepted);
      expectLocalizedRefusal(answer, `${verb} by ${who}`);
    }
    expect(await guardedRows()).toBe(before);
  });
});
