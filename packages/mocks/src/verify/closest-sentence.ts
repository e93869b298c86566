/** Levenshtein distance, case-insensitive: how far a misspelt state is from a known one. */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase()
  const right = b.toLowerCase()
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index)
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= right.length; j += 1) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
    }
    previous = current
  }
  return previous[right.length] as number
}

/** The known sentence nearest to `sentence`, or undefined when there is none. */
export function closestSentence(sentence: string, known: readonly string[]): string | undefined {
  let best: { sentence: string; distance: number } | undefined
  for (const candidate of known) {
    const distance = editDistance(sentence, candidate)
    if (best === undefined || distance < best.distance) best = { sentence: candidate, distance }
  }
  return best?.sentence
}
