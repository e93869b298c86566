/**
 * A plain-text response body. PactV4's builder has no text body: `.body(type, Buffer)` records bytes with a
 * root content-type rule, and Pact's sniffer takes OnePageCRM's "403 Forbidden (Rate Limit Exceeded)" for
 * JSON (it starts with a number), so the mock's correct answer would fail. The builder's interaction has the
 * FFI's text body call (`pactffi_with_body`), which records the text as text, compared by equality.
 */
export function textBody<Builder extends object>(
  response: Builder,
  contentType: string,
  text: string,
): Builder {
  const { interaction } = response as unknown as {
    interaction?: { withResponseBody(body: string, contentType: string): void }
  }
  if (typeof interaction?.withResponseBody !== 'function')
    throw new Error('This Pact version has no text response body; see src/text-body.ts')
  interaction.withResponseBody(text, contentType)
  return response
}
