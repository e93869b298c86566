import { describe } from 'vitest'
import { ENDPOINTS } from '../src/endpoints/index.js'
import { fuzzTests } from './harness.js'

// The bounded run of the S3 emulator's browser upload (POST /<bucket> with a SigV4 POST policy): a fixed seed,
// up to 150 mutated multipart bodies in about ten seconds.
describe('fuzz: S3 emulator', () => {
  fuzzTests(
    ENDPOINTS.filter((endpoint) => endpoint.service === 's3'),
    's',
  )
})
