import { z } from 'zod';
import { LOCALES, PERSPECTIVES, TOPICS } from '../guidance/vocabulary';

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
  .object({ step: questionStepSchema, answer: z.string().max(40), flow: flowStateSchema })
  .strict();

export const flowBackPayload = z.object({ step: questionStepSchema, flow: flowStateSchema }).strict();

export const flowPayload = z.object({ flow: flowStateSchema }).strict();

export const flowStartPayload = z
  .object({
    flow: flowStateSchema,
    likelyTopics: z.array(z.enum(TOPICS)).max(3).optional(),
    fromText: z.boolean().optional(),
  })
  .strict();

export const feedbackPayload = z
  .object({ helpful: z.boolean(), topic: z.enum(TOPICS), perspective: z.enum(PERSPECTIVES) })
  .strict();

export const localePayload = z.object({ locale: z.enum(LOCALES) }).strict();
