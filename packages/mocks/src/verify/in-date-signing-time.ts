import type { PactSource } from './pact-source.js'
import { IN_DATE_SENTENCES } from './s3-states.js'
import { normalizeSentence } from './state-template.js'

const IN_DATE = new Set(IN_DATE_SENTENCES.map((sentence) => normalizeSentence(sentence).toLowerCase()))

/**
 * The latest signing time recorded by the pact's requests under `the upload form is in date`: where that
 * state puts the clock when the pact gives no `signedAt`, so a replay does not depend on the day it runs.
 */
export function inDateSigningTime(pact: PactSource): string | undefined {
  let latest: string | undefined
  for (const interaction of pact.interactions) {
    const inDate = interaction.states.some((state) =>
      IN_DATE.has(normalizeSentence(state.name).toLowerCase()),
    )
    if (
      inDate &&
      interaction.signedAt !== undefined &&
      (latest === undefined || interaction.signedAt > latest)
    )
      latest = interaction.signedAt
  }
  return latest
}
