import { describe } from 'vitest'
import { ENDPOINTS } from '../src/endpoints/index.js'
import { fuzzTests } from './harness.js'

// The bounded run of SharpSpring: uploadFiles and uploadProductImage (up to 150 mutated multipart bodies
// each) and the JSON-RPC endpoint (125 mutated calls over every method family).
describe('fuzz: SharpSpring', () => {
  fuzzTests(
    ENDPOINTS.filter((endpoint) => endpoint.service === 'sharpspring'),
    'ss',
  )
})
