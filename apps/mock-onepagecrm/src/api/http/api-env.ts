import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'
import type { UserRecord } from '../domain/records.js'

export interface ApiEnv {
  Bindings: Partial<HttpBindings>
  Variables: { user: UserRecord; now: Date }
}

export type ApiContext = Context<ApiEnv>
