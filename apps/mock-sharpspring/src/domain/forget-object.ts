import type { ObjectType } from './object-types.js'
import type { SharpSpringContext } from './state.js'

/**
 * What goes with a deleted lead or opportunity: the records that only mean something with it (its
 * opportunity–lead links, a lead's list memberships and timeline) [INFER: SharpSpring keeps no link to a deleted object].
 */
export function forgetObject(ctx: SharpSpringContext, type: ObjectType, id: string): void {
  if (type === 'lead') {
    const members = ctx.state.tables.listMember
    for (const [memberId, member] of members) if (member.memberID === id) members.delete(memberId)
    const events = ctx.state.tables.event
    for (const [eventId, event] of events) if (event.leadID === id) events.delete(eventId)
  }
  const links = ctx.state.tables.opportunityLead
  const column = type === 'lead' ? 'leadID' : type === 'opportunity' ? 'opportunityID' : undefined
  if (column === undefined) return
  for (const [linkId, link] of links) if (link[column] === id) links.delete(linkId)
}
