import { z } from 'zod';
import { TOPICS } from '../guidance/vocabulary';
import { localizedText, officeHoursSchema } from './contentSchema';

/**
 * content/adviser-pools.json: who a request goes to, by topic. Each pool is a group of people
 * (the confidential advisers, the research integrity counsellor, the integrity office); its
 * Entra group ids are deployment settings (ADVISER_POOL_GROUPS), not content.
 */
/** A pool's id, in the content and in the card data that names a pool. */
export const POOL_ID = /^[a-z][a-z0-9-]{1,39}$/;
const poolId = z.string().regex(POOL_ID, 'must be a lower-case id with dashes, such as research-integrity');

export const poolDefinitionSchema = z
  .object({
    id: poolId,
    /** For headings and the adviser card's "Pool" fact: "Confidential advisers". */
    title: localizedText,
    /** The people as a sentence names them: "the confidential advisers". */
    name: localizedText,
    /** One of them, for buttons and titles: "a confidential adviser". */
    member: localizedText,
    /** Who they are, on the consent card before anything is shared. */
    about: localizedText,
    topics: z.array(z.enum(TOPICS)),
    /** The pool's own hours; without them, the organisation's. */
    officeHours: officeHoursSchema.optional(),
    /** The pool's own escalation limits; without them, ESCALATE_AFTER_MINUTES and ESCALATE_URGENT_AFTER_MINUTES. */
    escalateAfterMinutes: z.number().int().min(1).max(10_080).optional(),
    escalateUrgentAfterMinutes: z.number().int().min(1).max(10_080).optional(),
    /**
     * A team channel (any kind: standard, private or shared) where each request of the pool also
     * becomes a thread with its case card. The bot must be installed in that team.
     */
    channel: z
      .object({
        teamId: z.string().regex(/^19:[0-9A-Za-z_-]+@thread\.(tacv2|skype)$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be the team\'s id (its group id, or 19:…@thread.tacv2)'),
        channelId: z.string().regex(/^19:[0-9A-Za-z_-]+@thread\.(tacv2|skype)$/, 'must be a Teams channel id such as 19:abc123@thread.tacv2'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type PoolDefinition = z.infer<typeof poolDefinitionSchema>;

export const adviserPoolsSchema = z
  .object({
    version: z.string().min(1),
    reviewed: z.iso.date(),
    /** Takes requests without a topic and the topics of pools a deployment has no group for. */
    defaultPool: poolId,
    pools: z.array(poolDefinitionSchema).min(1),
  })
  .strict()
  .superRefine((file, context) => {
    const ids = file.pools.map((pool) => pool.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) context.addIssue({ code: 'custom', path: ['pools', index, 'id'], message: `"${id}" is used by another pool` });
    });
    file.pools.forEach((pool, index) => {
      // Urgent means sooner; a pool with one of the two limits is compared with the settings (src/config/config.ts).
      if (pool.escalateAfterMinutes !== undefined && pool.escalateUrgentAfterMinutes !== undefined && pool.escalateUrgentAfterMinutes > pool.escalateAfterMinutes) {
        context.addIssue({ code: 'custom', path: ['pools', index, 'escalateUrgentAfterMinutes'], message: 'must not be above escalateAfterMinutes (an urgent request is escalated sooner, not later)' });
      }
    });
    if (!ids.includes(file.defaultPool)) {
      context.addIssue({ code: 'custom', path: ['defaultPool'], message: `names no pool ("${file.defaultPool}")` });
    }
    for (const topic of TOPICS) {
      const owners = file.pools.filter((pool) => pool.topics.includes(topic));
      if (owners.length > 1) {
        const index = file.pools.indexOf(owners[1]);
        context.addIssue({ code: 'custom', path: ['pools', index, 'topics'], message: `"${topic}" already belongs to pool "${owners[0].id}"` });
      }
      if (owners.length === 0) context.addIssue({ code: 'custom', path: ['pools'], message: `no pool takes the topic "${topic}"` });
    }
  });
export type AdviserPoolsContent = z.infer<typeof adviserPoolsSchema>;
