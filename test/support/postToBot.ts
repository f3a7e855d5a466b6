/**
 * Posts to the bot's /api/messages as Teams does: the body as JSON, with the channel's bearer
 * token when one is given. A string goes as it is, for malformed JSON and other content types.
 */
export function postToBot(
  bot: { readonly messagesUrl: string },
  body: unknown,
  options: { readonly authorization?: string; readonly contentType?: string } = {},
): Promise<Response> {
  return fetch(bot.messagesUrl, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/json', ...(options.authorization ? { authorization: options.authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
