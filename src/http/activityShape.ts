import { z } from 'zod';

const nonEmpty = z.string().min(1);

/** A party of the conversation as Teams names it: an id always, a name and an Entra object id when it has them. */
const party = z.object({ id: nonEmpty, name: z.string().nullish(), aadObjectId: nonEmpty.nullish() }).passthrough();

/**
 * What every activity Teams posts has, in the types Teams sends: its id, who sent it (the person
 * key is derived from `from`), to whom, in which conversation, and its language and text when it
 * has them. Anything else is refused at the door: a number or an object in one of them would fail
 * the turn and then its apology too (the person gets nothing), and activities without an identity
 * would share one person key.
 */
export const activityShape = z
  .object({
    type: nonEmpty,
    /** A re-sent message and a re-sent confirmation are recognised by it. */
    id: nonEmpty,
    channelId: z.unknown(),
    serviceUrl: z.unknown(),
    from: party,
    recipient: party,
    conversation: z.object({ id: nonEmpty, tenantId: z.string().nullish() }).passthrough(),
    locale: z.string().nullish(),
    text: z.string().nullish(),
  })
  .passthrough();
