export { createSharpSpringApp, SHARPSPRING_SERVICE, type SharpSpringAppDeps } from './app.js'
export {
  createSharpSpringConfig,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_SECRET_KEY,
  type SharpSpringConfig,
} from './domain/config.js'
export type { DemoIds } from './domain/demo.js'
export type { RpcErrorCode } from './domain/failure.js'
export type { SharpSpringState } from './domain/state.js'
export { RPC_ERRORS, type RpcError } from './http/failure-table.js'
export { readSharpSpringOptions, SHARPSPRING_HELP, SHARPSPRING_OPTIONS } from './options.js'
export {
  createSharpSpringService,
  type SharpSpringService,
  type SharpSpringServiceOptions,
} from './service.js'
export {
  type RunningSharpSpringMock,
  type SharpSpringReadyInfo,
  type StartSharpSpringOptions,
  startSharpSpringMock,
} from './start.js'
