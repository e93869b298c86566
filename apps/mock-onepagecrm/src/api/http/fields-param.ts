import { type ApiResult, notEmulated, ok } from '../domain/api-failures.js'
import type { ApiContext } from './api-env.js'
import type { ContactExpansion } from './views.js'

const EXPANSIONS: readonly ContactExpansion[] = ['deals', 'notes', 'calls', 'meetings', 'pinned_attachments']

/**
 * `fields` on contact reads: the spec's `<resource>(all)` for deals, notes, calls, meetings and
 * pinned_attachments, comma-separated (query_contacts_fields, https://github.com/OnePageCRM/swagger), and
 * `all`, the default fieldset (http://developer.onepagecrm.com/, "Fields"; OnePageCRM's Java client sends
 * `fields=all,deals(all),notes(all),calls(all)`, also on `PUT /contacts/{id}`). `company` and
 * `company(all)` ask for what every entry of a contact with a company carries already (the spec's entries
 * have a `company`), so they change nothing. The portal's other forms (field lists, `deals(name,amount)`,
 * chaining) are refused as not emulated.
 */
export function readContactExpansions(c: ApiContext): ApiResult<ReadonlySet<ContactExpansion>> {
  const text = c.req.query('fields')
  const expansions = new Set<ContactExpansion>()
  if (text === undefined) return ok(expansions)
  for (const token of text.split(',').map((part) => part.trim())) {
    if (token === 'all' || token === '' || token === 'company' || token === 'company(all)') continue
    const match = /^(\w+)\(all\)$/.exec(token)
    const name = match?.[1] as ContactExpansion | undefined
    if (name === undefined || !EXPANSIONS.includes(name)) {
      return notEmulated(c.get('unemulatedFields')?.operation ?? `${c.req.method} ${c.req.path}`, {
        fields: `fields=${token} is not emulated by crmkit (only all and ${EXPANSIONS.map((e) => `${e}(all)`).join(', ')} are)`,
      })
    }
    expansions.add(name)
  }
  return ok(expansions)
}
