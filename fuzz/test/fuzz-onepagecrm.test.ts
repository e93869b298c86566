import { describe } from 'vitest'
import { ENDPOINTS } from '../src/endpoints/index.js'
import { fuzzTests } from './harness.js'

// The bounded run of OnePageCRM: every POST, PUT and PATCH that takes a JSON body (contacts, notes, deals,
// calls, meetings, attachments and their nested forms, the contact photo, companies and their logos), 25
// mutated bodies each.
describe('fuzz: OnePageCRM', () => {
  fuzzTests(
    ENDPOINTS.filter((endpoint) => endpoint.service === 'onepagecrm'),
    'op',
  )
})
