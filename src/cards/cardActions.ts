import type { z } from 'zod';
import type { INVOKE_BUTTONS, SUBMIT_BUTTONS } from '../bot/cardPayloads';

/**
 * The data a card button sends back, derived from the zod schemas the routing table
 * (src/bot/routes.ts) validates every incoming payload with (src/bot/cardPayloads.ts):
 * one contract, so a builder cannot put on a card what the bot would refuse. `z.input`,
 * because a button holds the data before defaults are applied.
 */
type ButtonAction<Buttons extends Record<string, z.ZodType>> = {
  [Verb in keyof Buttons]: { readonly verb: Verb } & ButtonData<Buttons[Verb]>;
}[keyof Buttons];

/** A strict empty object's input is `Record<string, never>`; its index signature would forbid the verb. */
type ButtonData<Schema extends z.ZodType> = {
  readonly [Key in keyof z.input<Schema> as string extends Key ? never : Key]: z.input<Schema>[Key];
};

/** Action.Submit buttons: they arrive as a message whose value holds this data. */
export type CardAction = ButtonAction<typeof SUBMIT_BUTTONS>;

/** Universal Actions (Action.Execute) on advisor cards; answered with a refreshed card. */
export type AdvisorCardAction = ButtonAction<typeof INVOKE_BUTTONS>;

export type CardVerb = CardAction['verb'];
export type AdvisorCardVerb = AdvisorCardAction['verb'];
/** What an adviser card's button holds besides its verb (the case, and for Withdraw the offer it was drawn for). */
export type AdvisorCardData = { [Verb in AdvisorCardVerb]: ButtonData<(typeof INVOKE_BUTTONS)[Verb]> }[AdvisorCardVerb];

export interface CardButton {
  readonly title: string;
  readonly action: CardAction;
}

export interface StyledCardButton extends CardButton {
  readonly style: 'default' | 'positive' | 'destructive';
}

export interface CardLink {
  readonly title: string;
  readonly url: string;
}
