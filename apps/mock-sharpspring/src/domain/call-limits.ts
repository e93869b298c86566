/** SharpSpring's documented limits: 10 method calls a second, 50,000 a day, per account [DOC]. */
export interface CallLimits {
  /** Counts one call at `now`: the code of the limit it exceeds (107 per second, 106 per day), or undefined. */
  take(now: Date): 106 | 107 | undefined
}

export function createCallLimits(options: { perSecond: number; perDay: number }): CallLimits {
  let recent: number[] = []
  let day = ''
  let today = 0
  return {
    take(now) {
      const time = now.getTime()
      const date = now.toISOString().slice(0, 10)
      if (date !== day) {
        day = date
        today = 0
      }
      recent = recent.filter((at) => time - at < 1000)
      // Refused calls count too: a client hammering the API stays refused until it slows down [INFER].
      recent.push(time)
      today++
      if (today > options.perDay) return 106
      if (recent.length > options.perSecond) return 107
      return undefined
    },
  }
}
