/**
 * The answers of a service's pure reads, kept while nothing could have changed them. A service that uses it
 * promises that a read's answer is a function of its state, of what its key names (the caller, the URL or
 * body, the API version) and of the second it is asked in, and tells it whenever its state may change:
 * `beginChange()` as every request that is not a pure read starts (and the function it returns as that
 * request ends), `changed()` on a seed and on a reset. An answer rendered while the revision moved is not
 * kept, nor one rendered while a change runs: a change that pauses (reading its body, saving the state)
 * touches the state at some moment between its start and its end, and an answer rendered before that moment
 * must not be served after it.
 *
 * Rendering a list is most of what a mock spends on it (filters, views, `JSON.stringify`: bench/README.md,
 * "JSON API throughput"); a client polling the same list gets it rendered once per second and state instead
 * of once per request. Bounded: at most `maxEntries` answers of at most `maxAnswerBytes` UTF-16 units (key
 * and bytes), all dropped when the revision or the second moves on.
 */
export interface RenderedAnswers<T extends RenderedAnswer = RenderedAnswer> {
  /** Something changed the state at once (a seed, a reset): what was kept is dropped. */
  changed(): void
  /**
   * A change starts, which may touch the state at any moment until the function returned is called (once,
   * as it ends): what was kept is dropped as it starts and as it ends, and nothing is kept meanwhile.
   */
  beginChange(): () => void
  /** The revision a render starts from, to hand back to `keep`. */
  readonly revision: number
  /** The answer kept for `key` in `second` at the current revision. */
  find(key: string, second: number): T | undefined
  /**
   * Keeps `answer` unless the revision moved since `revision` was read, a change is running, or it is too
   * large (its key and bytes together).
   */
  keep(key: string, second: number, revision: number, answer: T): void
}

/**
 * An answer as written: its status and its body's bytes, encoded once (and whatever else the service needs
 * to answer again).
 */
export interface RenderedAnswer {
  readonly status: number
  readonly body: Uint8Array<ArrayBuffer>
}

export interface RenderedAnswersOptions {
  /** Default 64. */
  readonly maxEntries?: number
  /**
   * The most bytes of an answer's key (counted in UTF-16 units) and body together; default 256 Ki (a
   * OnePageCRM list of a hundred contacts is about 200 K).
   */
  readonly maxAnswerBytes?: number
}

export function createRenderedAnswers<T extends RenderedAnswer = RenderedAnswer>(
  options: RenderedAnswersOptions = {},
): RenderedAnswers<T> {
  const maxEntries = options.maxEntries ?? 64
  const maxAnswerBytes = options.maxAnswerBytes ?? 256 * 1024
  let revision = 0
  let running = 0
  let keptSecond = Number.NaN
  const kept = new Map<string, T>()
  const changed = () => {
    revision++
    kept.clear()
  }
  return {
    changed,
    beginChange() {
      running++
      changed()
      let ended = false
      return () => {
        if (ended) return
        ended = true
        running--
        changed()
      }
    },
    get revision() {
      return revision
    },
    find(key, second) {
      return second === keptSecond ? kept.get(key) : undefined
    },
    keep(key, second, since, answer) {
      // The key counts: a SharpSpring read's is its body, which may be megabytes.
      if (since !== revision || running > 0 || key.length + answer.body.byteLength > maxAnswerBytes) return
      if (second !== keptSecond) {
        kept.clear()
        keptSecond = second
      }
      if (kept.size >= maxEntries && !kept.has(key)) return
      kept.set(key, answer)
    },
  }
}
