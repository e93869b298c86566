/** What went wrong, in a sentence for the page. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
