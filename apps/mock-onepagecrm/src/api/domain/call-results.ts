import { CALL_RESULTS } from './account-defaults.js'
import type { CrmState, UserRecord } from './records.js'

/**
 * `GET /call_results`: the account's call results with "the counts of their usages for the logged API
 * user, and their team" (the spec's listCallResults): calls the caller logged, all calls, calls per user.
 */
export function callResultCounts(state: CrmState, caller: UserRecord) {
  const calls = [...state.call.values()]
  return CALL_RESULTS.map(({ result, text }) => {
    const matching = calls.filter((call) => call.call_result === result)
    const by = (userId: string) => matching.filter((call) => call.author_id === userId).length
    return {
      result,
      text,
      counts: by(caller.id),
      total_counts: matching.length,
      team_counts: [...state.users.values()].map((user) => ({ user_id: user.id, counts: by(user.id) })),
    }
  })
}
