import type { RenderedAnswer } from '@crmkit/mock-kit'
import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'
import type { UserRecord } from '../domain/records.js'

export interface ApiEnv {
  Bindings: Partial<HttpBindings>
  Variables: {
    user: UserRecord
    now: Date
    /** The documented body fields of this request's operation that the route does not honour. */
    unemulatedFields?: { readonly operation: string; readonly fields: readonly string[] }
    /** The success envelope this request answered, as written (`envelope.ts`), for mock-kit's `createRenderedAnswers`. */
    rendered?: RenderedAnswer
  }
}

export type ApiContext = Context<ApiEnv>
