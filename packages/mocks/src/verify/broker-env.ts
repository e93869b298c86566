import { execFileSync } from 'node:child_process'

export interface BrokerSettings {
  readonly baseUrl: string
  readonly token?: string | undefined
  readonly username?: string | undefined
  readonly password?: string | undefined
}

export interface BuildVersion {
  readonly version: string | undefined
  readonly branch: string | undefined
  readonly buildUrl: string | undefined
}

const git = (args: readonly string[], cwd: string): string | undefined => {
  try {
    return (
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
      undefined
    )
  } catch {
    return undefined
  }
}

/** The broker from the flags, else Pact's usual variables (PACT_BROKER_BASE_URL, _TOKEN, _USERNAME, _PASSWORD). */
export function brokerSettings(
  flags: {
    url?: string | undefined
    token?: string | undefined
    username?: string | undefined
    password?: string | undefined
  },
  env: NodeJS.ProcessEnv,
): BrokerSettings | undefined {
  const baseUrl = (flags.url ?? env.PACT_BROKER_BASE_URL)?.trim()
  if (baseUrl === undefined || baseUrl === '') return undefined
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    token: flags.token ?? (env.PACT_BROKER_TOKEN || undefined),
    username: flags.username ?? (env.PACT_BROKER_USERNAME || undefined),
    password: flags.password ?? (env.PACT_BROKER_PASSWORD || undefined),
  }
}

/**
 * The provider version results are published under: the git commit (Pact's advice: a version per
 * commit), the branch and the build's URL, from CI's variables or git itself.
 */
export function buildVersion(env: NodeJS.ProcessEnv, cwd: string): BuildVersion {
  const headBranch = git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd)
  return {
    version: env.GIT_COMMIT || env.GITHUB_SHA || git(['rev-parse', 'HEAD'], cwd),
    branch:
      env.GIT_BRANCH ||
      env.GITHUB_HEAD_REF ||
      env.GITHUB_REF_NAME ||
      (headBranch === 'HEAD' ? undefined : headBranch),
    buildUrl:
      env.BUILD_URL ||
      (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined),
  }
}
