export { API_BASE_PATH, ONEPAGECRM_SERVICE } from './api/app.js'
export {
  DEFAULT_API_KEY,
  DEFAULT_USER_ID,
  DEMO_ACTION_ID,
  DEMO_CONTACT_ID,
  DEMO_DEAL_ID,
  DEMO_NOTE_ID,
  type SeedDocument,
} from './api/domain/seed.js'
export {
  type AttachmentBucket,
  createOnePageCrmService,
  type OnePageCrmService,
  type OnePageCrmServiceOptions,
} from './api/service.js'
export {
  ONEPAGECRM_HELP,
  ONEPAGECRM_OPTIONS,
  readOnePageCrmOptions,
  readS3Options,
  S3_HELP,
  S3_OPTIONS,
} from './options.js'
export { createS3App, S3_SERVICE, type S3AppDeps } from './s3/app.js'
export { bucketNameProblem } from './s3/domain/bucket-name.js'
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
export { isS3Endpoint, type VirtualHostedBucket, virtualHostedBucket } from './s3/domain/virtual-host.js'
export { createS3Service, type S3Service, type S3ServiceOptions } from './s3/service.js'
export { type RunningS3, type StartS3Options, startS3Emulator } from './s3/start.js'
export { createFileObjectStore } from './s3/storage/file-object-store.js'
export { type ServedOnePageCrm, type ServeOnePageCrmOptions, serveOnePageCrm } from './serve-services.js'
export {
  type ReadyInfo,
  type RunningApi,
  type RunningOnePageCrmMock,
  type StartOnePageCrmOptions,
  startOnePageCrmMock,
} from './server.js'
