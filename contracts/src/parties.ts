import { fileURLToPath } from 'node:url'

/** The consumer: the published upload client. */
export const CONSUMER = 'crmkit-upload-client'

/** One pact per provider: each mock, and the S3 emulator beside the OnePageCRM mock. */
const PROVIDERS = ['sharpspring', 'onepagecrm', 's3'] as const
export type Provider = (typeof PROVIDERS)[number]

/** Where the consumer tests write pacts: build output, deleted before each consumer run. */
export const PACT_DIR = fileURLToPath(new URL('../pacts/', import.meta.url))

/** The file Pact writes for a provider. */
export const pactFile = (provider: Provider): string => `${PACT_DIR}${CONSUMER}-${provider}.json`
