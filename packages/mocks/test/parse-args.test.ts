import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseArgs } from '../src/cli/parse-args.js'

const dir = mkdtempSync(join(tmpdir(), 'crmkit-mocks-args-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('crmkit-mocks options', () => {
  it('listens on the documented block of ports unless a flag or CRMKIT_* variable says otherwise', () => {
    expect(parseArgs([], {}).start.ports).toEqual({ sharpspring: 4580, onepagecrm: 4581, s3: 4582 })
    expect(
      parseArgs(['--s3-port', '9000'], { CRMKIT_S3_PORT: '1', CRMKIT_SHARPSPRING_PORT: '0' }).start.ports,
    ).toEqual({ sharpspring: 0, onepagecrm: 4581, s3: 9000 })
  })

  it('reads every service’s options and the services named', () => {
    const { start } = parseArgs(
      ['onepagecrm', '--throttle', '--form-ttl', '60', '--s3-bucket', 'a-bucket', '--limits'],
      { CRMKIT_ACCOUNT_ID: 'acct' },
    )
    expect(start).toMatchObject({
      services: ['onepagecrm', 's3'],
      onepagecrm: { throttle: true, formTtlSeconds: 60 },
      s3: { buckets: ['a-bucket'] },
      sharpspring: { accountId: 'acct', limits: true },
    })
  })

  it('takes SharpSpring’s account time zone by flag or CRMKIT_TIME_ZONE, and refuses one that is not IANA', () => {
    expect(parseArgs(['--time-zone', 'Europe/Paris'], {}).start.sharpspring).toMatchObject({
      timeZone: 'Europe/Paris',
    })
    expect(parseArgs([], { CRMKIT_TIME_ZONE: 'UTC' }).start.sharpspring).toMatchObject({ timeZone: 'UTC' })
    expect(() => parseArgs(['--time-zone', 'Mars/Olympus'], {})).toThrow(
      "--time-zone: 'Mars/Olympus' is not an IANA time zone",
    )
  })

  it('refuses an --s3-bucket S3 would not allow, saying which rule', () => {
    expect(() => parseArgs(['onepagecrm', '--s3-bucket', 'Acme_Uploads'], {})).toThrow(
      '--s3-bucket: "Acme_Uploads" is not a valid S3 bucket name: a bucket name holds only lower-case letters, digits, dots and hyphens.',
    )
    expect(() => parseArgs(['onepagecrm', '--s3-bucket', 'uploads-s3alias'], {})).toThrow(
      'S3 reserves the suffix -s3alias',
    )
  })

  it('reads a seed file of per-service seeds and names what is wrong with one', () => {
    const good = join(dir, 'seed.json')
    writeFileSync(good, JSON.stringify({ sharpspring: { leads: [{ firstName: 'A' }] } }))
    expect(parseArgs(['--seed', good], {}).start.seed).toEqual({
      sharpspring: { leads: [{ firstName: 'A' }] },
    })
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ hubspot: {} }))
    expect(() => parseArgs(['--seed', bad], {})).toThrow(/--seed: .*bad\.json: unknown key hubspot/)
    expect(() => parseArgs(['--seed', join(dir, 'none.json')], {})).toThrow('--seed: cannot read')
  })
})
