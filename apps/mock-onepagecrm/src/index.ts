export { parseCliOptions } from './cli-options.js'
export { createS3App, type S3AppDeps } from './s3/app.js'
export {
  createS3Config,
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
  type S3Config,
} from './s3/domain/config.js'
export type { ObjectStore, PendingUpload } from './s3/domain/object-store.js'
export type { StoredObject } from './s3/domain/stored-object.js'
export { type RunningS3, type StartS3Options, startS3Emulator } from './s3/start.js'
export { createFileObjectStore } from './s3/storage/file-object-store.js'
export {
  type ReadyInfo,
  type RunningOnePageCrmMock,
  type StartOnePageCrmOptions,
  startOnePageCrmMock,
} from './server.js'
