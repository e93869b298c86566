export { createSharpSpringApp, type SharpSpringAppDeps } from './app.js'
export { parseCliOptions } from './cli-options.js'
export {
  createSharpSpringConfig,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_SECRET_KEY,
  type SharpSpringConfig,
} from './domain/config.js'
export { type DemoIds, seedDemo } from './domain/demo.js'
export { createIdFactory } from './domain/ids.js'
export { RPC_ERRORS, type RpcError, type RpcErrorCode } from './domain/rpc-errors.js'
export { createState, type SharpSpringContext, type SharpSpringState } from './domain/state.js'
export {
  type RunningSharpSpringMock,
  type SharpSpringReadyInfo,
  type StartSharpSpringOptions,
  startSharpSpringMock,
} from './start.js'
