import type { AnyEndpoint } from '../runner.js'
import { onePageCrmEndpoints } from './onepagecrm.js'
import { s3PostObject } from './s3.js'
import { s3DeleteObject } from './s3-delete-object.js'
import { s3GetObject } from './s3-get-object.js'
import { s3ListObjects } from './s3-list-objects.js'
import { s3NotImplemented } from './s3-not-implemented.js'
import { s3PutObject } from './s3-put-object.js'
import { sharpSpringUploadFiles, sharpSpringUploadProductImage } from './sharpspring.js'
import { sharpSpringRpc } from './sharpspring-rpc.js'

/** Every endpoint fuzzed: the three upload endpoints, then the JSON ones. */
export const ENDPOINTS: readonly AnyEndpoint[] = [
  s3PostObject,
  s3PutObject,
  s3DeleteObject,
  s3GetObject,
  s3ListObjects,
  s3NotImplemented,
  sharpSpringUploadFiles,
  sharpSpringUploadProductImage,
  sharpSpringRpc,
  ...onePageCrmEndpoints,
]
