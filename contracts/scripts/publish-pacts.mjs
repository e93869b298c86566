// Publishes the consumer's pacts to a Pact Broker when PACT_BROKER_BASE_URL is set, through the Broker's
// "publish contracts" endpoint (POST /contracts/publish, Pact Broker 2.86+ and PactFlow), with the git commit
// as the consumer version and the branch. Without a broker it does nothing: contracts stay in pacts/.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { authorization, brokerFromEnv, buildVersion } from './broker.mjs'

const PACT_DIR = fileURLToPath(new URL('../pacts/', import.meta.url))

/**
 * @param {{ dir?: string, env?: NodeJS.ProcessEnv, fetch?: typeof globalThis.fetch }} [options]
 * @returns {Promise<{ published: false } | { published: true, version: string, branch: string | undefined, files: string[], notices: string[] }>}
 */
export async function publishPacts({ dir = PACT_DIR, env = process.env, fetch = globalThis.fetch } = {}) {
  const broker = brokerFromEnv(env)
  if (broker === undefined) return { published: false }
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
  if (files.length === 0) throw new Error(`No pacts in ${dir}: run the consumer tests first.`)
  const pacts = files.map((name) => {
    const text = readFileSync(join(dir, name), 'utf8')
    const pact = JSON.parse(text)
    return {
      consumerName: pact.consumer.name,
      providerName: pact.provider.name,
      specification: 'pact',
      contentType: 'application/json',
      content: Buffer.from(text).toString('base64'),
    }
  })
  const consumers = [...new Set(pacts.map((pact) => pact.consumerName))]
  if (consumers.length !== 1) throw new Error(`One consumer per publication, found ${consumers.join(', ')}`)
  const { version, branch, buildUrl } = buildVersion(env)
  const auth = authorization(broker)
  const response = await fetch(`${broker.baseUrl}/contracts/publish`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/hal+json, application/json',
      ...(auth === undefined ? {} : { authorization: auth }),
    },
    body: JSON.stringify({
      pacticipantName: consumers[0],
      pacticipantVersionNumber: version,
      ...(branch === undefined ? {} : { branch }),
      tags: [],
      ...(buildUrl === undefined ? {} : { buildUrl }),
      contracts: pacts,
    }),
  })
  const answer = await response.text()
  if (!response.ok) {
    // The broker's own words, never the request (it carries the token in a header only).
    throw new Error(`The Pact Broker refused the pacts: HTTP ${response.status} ${answer.slice(0, 500)}`)
  }
  /** @type {{ notices?: Array<{ text?: string }> }} */
  const parsed = JSON.parse(answer || '{}')
  return {
    published: true,
    version,
    branch,
    files,
    notices: (parsed.notices ?? []).map((notice) => notice.text ?? '').filter(Boolean),
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await publishPacts()
  if (result.published) {
    console.log(
      `Published ${result.files.join(', ')} as ${result.version}${result.branch ? ` on ${result.branch}` : ''}`,
    )
    for (const notice of result.notices) console.log(`  ${notice}`)
  } else {
    console.log('Pacts kept local in contracts/pacts (set PACT_BROKER_BASE_URL to publish them).')
  }
}
