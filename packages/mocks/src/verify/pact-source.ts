import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { headerValue, recordedSigningTime } from './recorded-request.js'

export interface PactState {
  readonly name: string
  readonly params: Readonly<Record<string, unknown>>
}

export interface PactInteraction {
  readonly description: string
  readonly states: readonly PactState[]
  readonly method: string
  readonly path: string
  /** The `Host` header the consumer recorded, if any (a virtual-hosted S3 request names its bucket there). */
  readonly host?: string
  /** When the recorded request was signed (SigV4's X-Amz-Date), if it was. */
  readonly signedAt?: string
}

/** One pact to verify: where it is, who wrote it for whom, and what it asks. */
export interface PactSource {
  /** As given: a file path or a URL. */
  readonly source: string
  /** What the verifier reads: an absolute path or the URL. */
  readonly location: string
  readonly consumer: string
  readonly provider: string
  readonly specification: string
  readonly interactions: readonly PactInteraction[]
  readonly pact: Readonly<Record<string, unknown>>
}

/** A pact that cannot be read (exit 2). */
export class PactSourceError extends Error {}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function states(interaction: Json): PactState[] {
  // V3/V4: providerStates [{name, params}]; V2: providerState "<name>".
  if (Array.isArray(interaction.providerStates))
    return interaction.providerStates.filter(isObject).map((state) => ({
      name: String(state.name ?? ''),
      params: isObject(state.params) ? state.params : {},
    }))
  return typeof interaction.providerState === 'string'
    ? [{ name: interaction.providerState, params: {} }]
    : []
}

/** A parsed pact document → what `verify` needs of it; throws a PactSourceError naming the source. */
export function readPact(source: string, location: string, pact: unknown): PactSource {
  const fail = (why: string) => new PactSourceError(`${source}: ${why}`)
  if (!isObject(pact)) throw fail('a pact is a JSON object')
  const consumer = isObject(pact.consumer) ? pact.consumer.name : undefined
  const provider = isObject(pact.provider) ? pact.provider.name : undefined
  if (typeof consumer !== 'string' || typeof provider !== 'string')
    throw fail('a pact names its consumer and provider ({"consumer": {"name": …}, "provider": {"name": …}})')
  if (!Array.isArray(pact.interactions)) throw fail('a pact has an "interactions" array')
  const metadata = isObject(pact.metadata) ? pact.metadata : {}
  const spec = isObject(metadata.pactSpecification)
    ? metadata.pactSpecification.version
    : isObject(metadata['pact-specification'])
      ? metadata['pact-specification'].version
      : undefined
  return {
    source,
    location,
    consumer,
    provider,
    specification: typeof spec === 'string' ? spec : '2.0.0',
    interactions: pact.interactions.filter(isObject).map((interaction) => {
      const request = isObject(interaction.request) ? interaction.request : {}
      const host = headerValue(request.headers, 'host')
      const signedAt = recordedSigningTime(request)
      return {
        description: String(interaction.description ?? ''),
        states: states(interaction),
        method: String(request.method ?? 'GET').toUpperCase(),
        path: String(request.path ?? '/'),
        ...(host === undefined ? {} : { host }),
        ...(signedAt === undefined ? {} : { signedAt }),
      }
    }),
    pact,
  }
}

/** Files, directories (their `*.json`, sorted) and http(s) URLs → the pacts they hold. */
export async function readPactSources(args: readonly string[]): Promise<PactSource[]> {
  const sources: PactSource[] = []
  for (const arg of args) {
    if (/^https?:\/\//i.test(arg)) {
      let pact: unknown
      try {
        const response = await fetch(arg, { headers: { accept: 'application/hal+json, application/json' } })
        if (!response.ok) throw new Error(`answered ${response.status}`)
        pact = await response.json()
      } catch (error) {
        throw new PactSourceError(`${arg}: ${(error as Error).message}`)
      }
      sources.push(readPact(arg, arg, pact))
      continue
    }
    const path = resolve(arg)
    let files: string[]
    try {
      files = statSync(path).isDirectory()
        ? readdirSync(path)
            .filter((name) => name.endsWith('.json'))
            .sort()
            .map((name) => join(path, name))
        : [path]
    } catch {
      throw new PactSourceError(`${arg}: no such file or directory`)
    }
    if (files.length === 0) throw new PactSourceError(`${arg}: no *.json pact files in this directory`)
    for (const file of files) {
      let pact: unknown
      try {
        pact = JSON.parse(readFileSync(file, 'utf8'))
      } catch (error) {
        throw new PactSourceError(`${file}: not a readable JSON pact (${(error as Error).message})`)
      }
      // Shown as given: `pacts/shop-SharpSpring.json` for `verify ./pacts`.
      sources.push(readPact(file === path ? arg : join(arg, basename(file)), file, pact))
    }
  }
  return sources
}
