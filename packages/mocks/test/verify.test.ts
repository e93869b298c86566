import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { VerifyReport } from '../src/verify/verify-report.js'

const BIN = fileURLToPath(new URL('../bin/crmkit-mocks.js', import.meta.url))
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))
const SPEC3 = join(FIXTURES, 'php-shop-SharpSpring.json')
const VIRTUAL_HOSTED = join(FIXTURES, 'acme-crm-sync-S3.json')
const work = mkdtempSync(join(tmpdir(), 'crmkit-verify-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs the real command; resolves its exit code and output. */
function verify(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'verify', ...args],
      { cwd: FIXTURES, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : Number((error as { code?: number }).code ?? -1),
          stdout,
          stderr,
        })
      },
    )
  })
}

// biome-ignore lint/suspicious/noExplicitAny: the tests edit pacts freely, at any depth.
type Json = Record<string, any>

/** The spec-3 fixture changed by `change`, written to a file of its own. */
function wrongCopy(name: string, change: (pact: Json) => void): string {
  const pact = JSON.parse(readFileSync(SPEC3, 'utf8')) as Json
  change(pact)
  const file = join(work, `${name}.json`)
  writeFileSync(file, JSON.stringify(pact, null, 4))
  return file
}

const interaction = (pact: Json, start: string) =>
  (pact.interactions as Json[]).find((item) => (item.description as string).startsWith(start)) as Json

describe('crmkit-mocks verify', () => {
  it("verifies crmkit's own pacts (V4) through the same vocabulary, and writes the JSON and JUnit reports", async () => {
    const json = join(work, 'own.json')
    const junit = join(work, 'own.xml')
    const run = await verify(['crmkit-pacts', '--json', json, '--junit', junit])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('✓ uploadFiles with two files, each to its own lead')
    expect(run.stdout).toContain('15 of 15 passed')
    const report = JSON.parse(readFileSync(json, 'utf8')) as VerifyReport
    expect(report).toMatchObject({
      schema: 'crmkit-mocks/verify@1',
      vocabulary: 1,
      result: 'passed',
      exitCode: 0,
    })
    expect(report.pacts.map((pact) => [pact.provider, pact.mock, pact.interactions.length])).toEqual([
      ['onepagecrm', 'onepagecrm', 6],
      ['s3', 's3', 4],
      ['sharpspring', 'sharpspring', 5],
    ])
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toContain('<testsuites name="crmkit-mocks verify" tests="15" failures="0" errors="0">')
    expect(xml).toContain('classname="crmkit-upload-client.s3" name="a POST upload with an expired policy"')
  })

  it('verifies a specification-3 pact as pact-php writes it (multipart body in base64), with its own credentials', async () => {
    const run = await verify([SPEC3])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('php-shop → SharpSpring  (SharpSpring mock, pact 3.0.0)')
    expect(run.stdout).toContain('3 of 3 passed')
  })

  it('fails a pact that expects a field the mock does not answer (exit 1), naming the interaction and the key', async () => {
    const file = wrongCopy('bad-field', (pact) => {
      const lead = interaction(pact, 'getLead for a lead').response.body.result.lead[0]
      lead.email_address = lead.emailAddress
      delete lead.emailAddress
    })
    const json = join(work, 'bad-field.report.json')
    const run = await verify([file, '--json', json])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('✗ getLead for a lead that exists')
    expect(run.stdout).toMatch(/BodyMismatch \$\.result\.lead\[0\].*email_address/)
    expect(run.stdout).toContain('mock journal: POST /pubapi/v1.2/')
    const report = JSON.parse(readFileSync(json, 'utf8')) as VerifyReport
    const failed = report.pacts[0]?.interactions.find((item) => item.result === 'failed')
    expect(failed?.description).toBe('getLead for a lead that exists')
    expect(failed?.journal).toMatchObject({ method: 'POST', status: 200, rpc: { method: 'getLead' } })
  })

  it('fails a pact that expects another status (exit 1)', async () => {
    const file = wrongCopy('bad-status', (pact) => {
      interaction(pact, 'getLead while').response.status = 429
    })
    const run = await verify([file])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('✗ getLead while SharpSpring is rate limiting')
    expect(run.stdout).toContain('StatusMismatch: expected 429 but was 200')
    expect(run.stdout).toContain('error 107')
  })

  it('fails a multipart upload without a part (exit 1), with the vendor error the mock journaled', async () => {
    const file = wrongCopy('missing-part', (pact) => {
      const upload = interaction(pact, 'uploadFiles').request
      const boundary = '------crmkit-contract-boundary'
      const body = Buffer.from(upload.body as string, 'base64')
        .toString('latin1')
        .split(boundary)
        .filter((part) => !part.includes('name="objectType"\r\n'))
        .join(boundary)
      upload.body = Buffer.from(body, 'latin1').toString('base64')
      delete upload.matchingRules.body['$.objectType']
    })
    const run = await verify([file])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('✗ uploadFiles with two files, each to its own lead')
    expect(run.stdout).toMatch(/BodyMismatch \$\.error/)
    expect(run.stdout).toMatch(
      /mock journal: POST \/pubapi\/v1\.2\/uploadFiles\?.* → 200, error 206 "Missing parameters\."; parts: id, fieldSystemName/,
    )
    expect(run.stdout).not.toContain('php-shop-secret-93c1')
  })

  it("shows the journal entry of the verifier's request, not of the requests its states made", async () => {
    const pact = JSON.parse(
      readFileSync(join(FIXTURES, 'crmkit-pacts/crmkit-upload-client-onepagecrm.json'), 'utf8'),
    ) as Json
    interaction(pact, 'a request to attach an uploaded file to a note').response.status = 202
    const file = join(work, 'onepagecrm-status.json')
    writeFileSync(file, JSON.stringify(pact))
    const run = await verify([file])
    expect(run.code).toBe(1)
    // The state uploaded the file through s3_form and S3; the interaction's own request is POST /attachments.
    expect(run.stdout).toContain(
      'StatusMismatch: expected 202 but was 201\n      mock journal: POST /api/v3/attachments → 201',
    )
  })

  it('fails an interaction whose state is unknown, naming the closest known sentence', async () => {
    const file = wrongCopy('unknown-state', (pact) => {
      interaction(pact, 'getLead for a lead').providerStates[0].name = 'a lead {id} exist'
    })
    const run = await verify([file])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      'state "a lead {id} exist": Unknown provider state "a lead {id} exist" for sharpspring (vocabulary v1). Closest: "a lead {id} exists".',
    )
  })

  it('routes a provider name it does not know with --provider, else exits 2', async () => {
    const file = wrongCopy('other-name', (pact) => {
      pact.provider.name = 'crm-backend'
    })
    const refused = await verify([file])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('no mock for provider "crm-backend"')
    const mapped = await verify([file, '--provider', 'sharpspring=crm-backend'])
    expect(mapped.code).toBe(0)
  })

  it("uses a consumer's own states module, and refuses one that clashes with a built-in sentence (exit 2)", async () => {
    const file = wrongCopy('vip', (pact) => {
      interaction(pact, 'getLead for a lead').providerStates[0].name = 'a VIP lead {id} exists'
      interaction(pact, 'getLead for a lead').response.body.result.lead[0].emailAddress =
        'vip-411000001@example.com'
    })
    const run = await verify([file, '--states', './vip-states.mjs'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const clash = await verify([file, '--states', './clashing-states.mjs'])
    expect(clash.code).toBe(2)
    expect(clash.stderr).toContain('clashes with "a lead {id} exists"')
  })

  it('exits 2 for an unreadable pact or a bad option, and 3 for a pact with no interactions', async () => {
    expect((await verify(['no-such.json'])).code).toBe(2)
    expect((await verify([SPEC3, '--vocabulary', '9'])).code).toBe(2)
    const empty = wrongCopy('empty', (pact) => {
      pact.interactions = []
    })
    const run = await verify([empty])
    expect(run.code).toBe(3)
  })

  it('verifies only the interactions a filter keeps, and ignores PACT_* variables with files', async () => {
    const filtered = await verify([SPEC3, '--filter-description', '^getLead'])
    expect(filtered.code).toBe(0)
    expect(filtered.stdout).toContain('- uploadFiles with two files, each to its own lead  (not run)')
    expect(filtered.stdout).toContain('2 of 3 passed')
    // A broker in the environment would otherwise add its pacts; a description filter would drop these.
    const env = await verify([SPEC3], {
      PACT_DESCRIPTION: 'nothing',
      PACT_BROKER_BASE_URL: 'http://127.0.0.1:9',
    })
    expect(env.code).toBe(0)
    expect(env.stdout).toContain('3 of 3 passed')
  })

  it("verifies an S3 pact recorded against the bucket's virtual-hosted address: the bucket, its region, the recorded signing time", async () => {
    // Host: acme-crm-uploads.s3.eu-west-1.amazonaws.com, POST /, a form signed for eu-west-1 on 2026-01-15;
    // its states: `the bucket {bucket} exists`, `the upload form is in date` without signedAt, `S3 answers 503`.
    const run = await verify([VIRTUAL_HOSTED])
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('2 of 2 passed')
    expect(run.code).toBe(0)
  })

  it('sends the --s3-host a consumer addressed its bucket by, when its pact did not record the Host', async () => {
    const pact = JSON.parse(readFileSync(VIRTUAL_HOSTED, 'utf8')) as Json
    for (const item of pact.interactions as Json[]) delete item.request.headers.Host
    const file = join(work, 'no-host.json')
    writeFileSync(file, JSON.stringify(pact))
    const pathStyle = await verify([file])
    expect(pathStyle.code).toBe(1)
    expect(pathStyle.stdout).toContain('mock journal: POST / → 405')
    const hosted = await verify([file, '--s3-host', 'acme-crm-uploads.s3.eu-west-1.amazonaws.com'])
    expect(hosted.stdout).toContain('2 of 2 passed')
    expect(hosted.code).toBe(0)
    const wrong = await verify([file, '--s3-host', 'acme-crm-uploads.example.com'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('<bucket>.s3.<region>.amazonaws.com')
  })

  it('fails a state asking a service for a status it has no answer for, naming those it has', async () => {
    const pact = JSON.parse(readFileSync(VIRTUAL_HOSTED, 'utf8')) as Json
    interaction(pact, 'an upload while S3 answers').providerStates[0].name = 'S3 answers 502'
    const file = join(work, 's3-502.json')
    writeFileSync(file, JSON.stringify(pact))
    const run = await verify([file])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('S3 can answer 500 or 503, not 502.')
  })

  it('lists its exit codes in --help', async () => {
    const run = await verify(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 .*\n[\s\S]* {2}3 .*\n[\s\S]* {2}70 /)
  })
})
