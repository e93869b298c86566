import type { ServiceName } from '../mocks-info.js'
import type { StateContext } from './define-states.js'

/**
 * Seeds records one at a time, each only if it is not there yet: states compose (two states of one
 * interaction may name the same lead or contact), and the demo data already holds some ids.
 */
export async function seedMissing(
  ctx: StateContext,
  service: ServiceName,
  collection: string,
  records: readonly object[],
  rest: Record<string, unknown> = {},
): Promise<void> {
  for (const record of records) {
    try {
      await ctx.admin(service, 'seed', { ...rest, [collection]: [record] })
    } catch (error) {
      if (!/already exists/.test((error as Error).message)) throw error
    }
  }
}
