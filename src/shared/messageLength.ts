/**
 * The most of a message the bot reads: the default and the ceiling of MAX_MESSAGE_CHARS, so every
 * accepted message is read whole by the danger check; the classifier cuts longer text here.
 */
export const MAX_ANALYSED_CHARS = 2000;
