import type { RandomBytes } from '@crmkit/mock-kit'

/** SharpSpring ids are positive integers of about nine digits (`489210882`) [SAMPLE]; drawn from `random`. */
export function createIdFactory(random: RandomBytes, inUse: Iterable<number> = []): () => number {
  const used = new Set<number>(inUse)
  return () => {
    for (;;) {
      const bytes = random(4)
      const id =
        100_000_000 +
        (((((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>>
          0) %
          900_000_000)
      if (!used.has(id)) {
        used.add(id)
        return id
      }
    }
  }
}
