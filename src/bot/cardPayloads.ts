import { z } from 'zod';
import { TEAM_SIZES } from '../cards/dialogueRequestCard';
import { LOCALES, PERSPECTIVES, TOPICS } from '../guidance/vocabulary';
import { CASE_MODES, CONTACT_PREFERENCES, OUTCOME_CATEGORIES } from '../handoff/handoffCase';

/**
 * Schemas for the data card buttons send back. Card data is client input: anything that
 * does not match exactly (extra fields, unknown values, wrong types) is refused.
 */
export const flowStateSchema = z
  .object({
    perspective: z.enum(PERSPECTIVES).optional(),
    topic: z.enum(TOPICS).optional(),
    urgent: z.boolean().optional(),
  })
  .strict();

export const questionStepSchema = z.enum(['perspective', 'topic', 'danger', 'role']);

export const noPayload = z.object({}).strict();

export const flowAnswerPayload = z
  .object({
    step: questionStepSchema,
    answer: z.string().max(40),
    flow: flowStateSchema,
    likelyTopics: z.array(z.enum(TOPICS)).max(3).optional(),
  })
  .strict();

export const flowBackPayload = z.object({ step: questionStepSchema, flow: flowStateSchema }).strict();

/** A typed command carries no flow yet; a button carries the flow so far. */
export const flowPayload = z.object({ flow: flowStateSchema.default({}) }).strict();

export const flowStartPayload = z
  .object({
    flow: flowStateSchema.default({}),
    likelyTopics: z.array(z.enum(TOPICS)).max(3).optional(),
    fromText: z.boolean().optional(),
  })
  .strict();

export const feedbackPayload = z
  .object({ helpful: z.boolean(), topic: z.enum(TOPICS), perspective: z.enum(PERSPECTIVES) })
  .strict();

export const localePayload = z.object({ locale: z.enum(LOCALES) }).strict();

const caseId = z.string().regex(/^[0-9a-f]{32}$/, 'a case id');

export const caseIdPayload = z.object({ caseId }).strict();

export const handoffConfirmPayload = z
  .object({
    flow: flowStateSchema,
    mode: z.enum(CASE_MODES),
    message: z.string().max(500).optional(),
    contact: z.enum(CONTACT_PREFERENCES).optional(),
    urgent: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const dialogueConfirmPayload = z
  .object({
    team: z.string().trim().min(1).max(120),
    teamSize: z.enum(TEAM_SIZES),
    preferredPeriod: z.string().trim().min(1).max(120),
    reason: z.string().trim().min(1).max(1000),
    contact: z.string().trim().min(1).max(200),
  })
  .strict();

export const advisorCaseActionPayload = z
  .object({
    caseId,
    reply: z.string().max(2000).optional(),
    outcome: z.enum(OUTCOME_CATEGORIES).or(z.literal('').transform(() => undefined)).optional(),
    followUp: z.enum(['true', 'false']).optional(),
  })
  .strict();
