import { type Clock, createMockHost, type MockHost, type RandomBytes } from '@crmkit/mock-kit'
import type { SharpSpringConfig } from './domain/config.js'
import type { DemoIds } from './domain/demo.js'
import type { SharpSpringState } from './domain/state.js'
import { createSharpSpringService } from './service.js'

export interface StartSharpSpringOptions {
  readonly host?: string | undefined
  /** Default 0: a free port. */
  readonly port?: number | undefined
  readonly config?: Partial<SharpSpringConfig> | undefined
  /** Records and files survive restarts here; default in memory and a temporary directory. */
  readonly dataDir?: string | undefined
  /** Added after the demo data (a parsed `--seed` document). */
  readonly seed?: unknown
  readonly clock?: Clock | undefined
  /** Request-level randomness (the file store's keys are always unguessable). */
  readonly random?: RandomBytes | undefined
  /** Where object ids come from; default a fixed-seed stream (the same ids on every start). */
  readonly ids?: RandomBytes | undefined
}

/** What a started mock tells its user. */
export interface SharpSpringReadyInfo {
  readonly service: 'sharpspring'
  /** `http://127.0.0.1:<port>/pubapi`: versions and endpoints go below it (`/v1/`, `/v1/uploadFiles`). */
  readonly api: string
  readonly auth: { readonly accountId: string; readonly secretKey: string }
}

export interface RunningSharpSpringMock {
  readonly info: SharpSpringReadyInfo
  readonly state: SharpSpringState
  readonly demo: DemoIds
  /** Where kept files live (`files/`) and arriving ones wait (`tmp/`). */
  readonly storageDir: string
  /** Its journal, faults and reset. */
  readonly host: MockHost
  close(): Promise<void>
}

/** Starts the SharpSpring mock alone on its port, with demo data (and a seed); resolves once it listens. */
export async function startSharpSpringMock(
  options: StartSharpSpringOptions = {},
): Promise<RunningSharpSpringMock> {
  const host = createMockHost({ clock: options.clock, random: options.random })
  const service = await createSharpSpringService(
    { config: options.config, dataDir: options.dataDir, seed: options.seed, ids: options.ids },
    host.runtime,
  )
  const served = await host.serve(service, { host: options.host, port: options.port ?? 0 })
  return {
    info: {
      service: 'sharpspring',
      api: `${served.url}/pubapi`,
      auth: { accountId: service.config.accountId, secretKey: service.config.secretKey },
    },
    state: service.state,
    demo: service.demo,
    storageDir: service.storageDir,
    host,
    close: () => host.close(),
  }
}
