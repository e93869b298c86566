import type { ServiceName } from './mocks-info.js'

/**
 * Where `crmkit-mocks` listens unless told otherwise: one block of consecutive ports, the same on every
 * start, so a project's configuration can name them. `startMocks` defaults to free ports instead.
 */
export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = {
  sharpspring: 4580,
  onepagecrm: 4581,
  s3: 4582,
}
