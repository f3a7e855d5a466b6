import type { HandoffCase } from './handoffCase';

/** The typed outcomes the handoff use cases answer with, shared by the requester's and the advisers' side. */

/** An outcome that comes with the case as it now stands. */
export type WithCase<Outcome extends string> = { readonly outcome: Outcome; readonly handoffCase: HandoffCase };
export type NotFound = { readonly outcome: 'notFound' };
export type NotAnAdvisor = { readonly outcome: 'notAnAdvisor' };
/** The directory (Graph) is throttled or down: nobody's membership can be checked right now. */
export type DirectoryBusy = { readonly outcome: 'directoryBusy' };
