/** Calls a crmkit mock's admin API (`/__admin/*`): the same reset, seed and faults a user's tests use. */
export async function admin(base: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}/__admin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const answer = await response.text()
  if (!response.ok) throw new Error(`POST /__admin/${path} answered ${response.status}: ${answer}`)
  return answer === '' ? undefined : JSON.parse(answer)
}
