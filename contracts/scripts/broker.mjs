// Pact Broker settings from the environment, shared by the consumer's publish step and the provider
// verification. Without PACT_BROKER_BASE_URL, contracts stay local (pacts/).
// The variables and their order are those `crmkit-mocks verify --broker --publish` reads
// (packages/mocks/src/verify/broker-env.ts), so a CI sets them once for both; change them together. Not
// imported from there: it is not part of @crmkit/mocks' public API, and this package verifies the mocks
// with Pact JS's own Verifier and state handlers, independently of that command.
import { execFileSync } from 'node:child_process'

/**
 * @typedef {{ baseUrl: string, token?: string, username?: string, password?: string }} Broker
 * @typedef {{ version: string, branch: string | undefined, buildUrl: string | undefined }} BuildVersion
 */

/** @returns {Broker | undefined} */
export function brokerFromEnv(env = process.env) {
  const baseUrl = env.PACT_BROKER_BASE_URL?.trim()
  if (!baseUrl) return undefined
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    token: env.PACT_BROKER_TOKEN || undefined,
    username: env.PACT_BROKER_USERNAME || undefined,
    password: env.PACT_BROKER_PASSWORD || undefined,
  }
}

/** @param {string[]} args */
const git = (args) => {
  try {
    return (
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined
    )
  } catch {
    return undefined
  }
}

/**
 * The version pacts and verification results are published under: the git commit (Pact's advice: a
 * version per commit) and the branch, from CI's variables or git itself.
 * @returns {BuildVersion}
 */
export function buildVersion(env = process.env) {
  const version = env.GIT_COMMIT || env.GITHUB_SHA || git(['rev-parse', 'HEAD'])
  if (!version)
    throw new Error('Publishing to a Pact Broker needs a version: set GIT_COMMIT or run inside git.')
  const headBranch = git(['rev-parse', '--abbrev-ref', 'HEAD'])
  const branch =
    env.GIT_BRANCH ||
    env.GITHUB_HEAD_REF ||
    env.GITHUB_REF_NAME ||
    (headBranch === 'HEAD' ? undefined : headBranch)
  const buildUrl =
    env.BUILD_URL ||
    (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined)
  return { version, branch, buildUrl }
}

/** @param {Broker} broker */
export function authorization(broker) {
  if (broker.token) return `Bearer ${broker.token}`
  if (broker.username)
    return `Basic ${Buffer.from(`${broker.username}:${broker.password ?? ''}`).toString('base64')}`
  return undefined
}
