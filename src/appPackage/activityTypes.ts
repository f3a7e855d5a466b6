/**
 * The activity-feed notifications the bot may send through Graph (teamwork/sendActivityNotification).
 * Each one is declared in appPackage/manifest.json; Graph refuses a type the installed manifest lacks,
 * so the packaging step and its test check that both lists stay equal.
 */
export const ACTIVITY_TYPES = ['newCase', 'caseEscalated', 'caseClaimed', 'dialogueRequested', 'caseOffered', 'caseUrgent'] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * The template parameters each notification's templateText uses, in every language. Senders pass
 * exactly these in templateParameters (Graph refuses a mismatch): only the case code, never
 * anything about the person who asked.
 */
export const ACTIVITY_TEMPLATE_PARAMETERS: Readonly<Record<ActivityType, readonly string[]>> = {
  newCase: ['caseCode'],
  caseEscalated: ['caseCode'],
  caseClaimed: ['caseCode'],
  dialogueRequested: ['caseCode'],
  caseOffered: ['caseCode'],
  caseUrgent: ['caseCode'],
};
