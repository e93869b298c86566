import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { type RunningMocks, startMocks } from '@crmkit/mocks'
import {
  createOnePageCrmClient,
  createSharpSpringClient,
  type OnePageCrmClient,
  S3Error,
  type SharpSpringClient,
} from '@crmkit/upload-client'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { browserFound, browserRequired, CHROMIUM, launchChromium } from './browser.js'
import { explainedService } from './explained-service.js'
import { encodePng, near, pixelAt, type Rgb, sizeOf } from './png.js'

// The inspector at /__admin/ of the built @crmkit/mocks (the bundle users install), read in Debian's
// chromium: uploads made with @crmkit/upload-client appear in its list and detail, a refused S3 POST shows
// why, an uploaded PNG's preview has the PNG's pixels, a fault armed from its form fires, and its clock moves.

/** Four vertical stripes of known colours, 16 pixels each: what the preview's pixels must show. */
const STRIPES: readonly Rgb[] = [
  [220, 20, 60],
  [0, 160, 80],
  [30, 80, 220],
  [250, 200, 0],
]
const STRIPE = 16
const PNG_WIDTH = STRIPE * STRIPES.length
const PNG_HEIGHT = 24
const STRIPES_PNG = encodePng(PNG_WIDTH, PNG_HEIGHT, (x) => STRIPES[Math.floor(x / STRIPE)] ?? [0, 0, 0])

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** `2030-01-01 14:03:09 UTC`, as the page writes times, back to milliseconds. */
const pageTime = (text: string | null) => Date.parse(`${(text ?? '').replace(' UTC', 'Z').replace(' ', 'T')}`)

interface Entry {
  seq: number
  service: string
  method: string
  path: string
  status: number
  fault?: string
  error?: { code: string; message: string }
  explanation?: {
    subject: string
    checks: Array<{ check: string; outcome: string; expected?: string; got?: string }>
  }
}

describe.skipIf(!browserFound && !browserRequired)('the inspector in a real browser', () => {
  let browser: Browser
  let page: Page
  let mocks: RunningMocks
  let sharpspring: NonNullable<RunningMocks['sharpspring']>
  let onepagecrm: NonNullable<RunningMocks['onepagecrm']>
  let s3: NonNullable<RunningMocks['s3']>
  let ssClient: SharpSpringClient
  let opcClient: OnePageCrmClient
  /** Console errors, uncaught errors and Content-Security-Policy violations of the page: none expected. */
  const problems: string[] = []

  beforeAll(async () => {
    if (!browserFound) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`)
    ;[browser, mocks] = await Promise.all([launchChromium(), startMocks()])
    if (mocks.sharpspring === undefined || mocks.onepagecrm === undefined || mocks.s3 === undefined)
      throw new Error('startMocks() did not start every service')
    ;({ sharpspring, onepagecrm, s3 } = mocks)
    ssClient = createSharpSpringClient({
      accountId: sharpspring.credentials.accountId,
      secretKey: sharpspring.credentials.secretKey,
      baseUrl: sharpspring.api,
      retry: false,
    })
    opcClient = createOnePageCrmClient({ ...onepagecrm.credentials, baseUrl: onepagecrm.api, retry: false })
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 })
    // A step that cannot happen fails in seconds, naming what it waited for, within the test's own timeout.
    page.setDefaultTimeout(5000)
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
  })
  afterAll(async () => {
    await browser?.close()
    await mocks?.close()
  })
  beforeEach(async () => {
    await mocks.reset()
    problems.length = 0
  })
  afterEach(async () => {
    expect(problems).toEqual([])
    // The page asks nothing of the vendors' routes (no /favicon.ico): the journal holds only the tests'.
    expect(
      (await journal()).filter((entry) => !/^\/(pubapi|api\/v3|onepagecrm-up)/.test(entry.path)),
    ).toEqual([])
  })

  /** The journal, oldest first, as the admin API answers it. */
  const journal = async (): Promise<Entry[]> =>
    ((await (await fetch(`${s3.url}/__admin/requests`)).json()) as { requests: Entry[] }).requests

  /** The inspector, fresh, on the port `base`, at `tab`. */
  const open = async (base: string, tab = 'requests') => {
    await page.goto('about:blank')
    await page.goto(`${base}/__admin/#${tab}`)
    await page.locator('.topbar h1').waitFor()
  }

  /** The request list's line for the newest entry whose path starts with `path`. */
  const line = (path: string) =>
    page.locator('.request', { has: page.locator('.path', { hasText: path }) }).first()

  const uploadToLead = (name: string, bytes: Buffer) =>
    ssClient.uploadFiles({
      objectType: 'lead',
      fieldSystemName: sharpspring.demo.fileFields.lead,
      files: [{ objectId: sharpspring.demo.leadId, file: { source: bytes, name } }],
    })

  const attachToNote = (name: string, bytes: Buffer) =>
    opcClient.uploadAttachment({
      contactId: onepagecrm.demo.contactId,
      file: { source: bytes, name },
      attachTo: { type: 'note', id: onepagecrm.demo.noteId },
    })

  const partRow = (detail: Locator, name: string) =>
    detail.locator('tr.part', {
      has: page.locator('.part-name', { hasText: new RegExp(`^${name.replace(/[[\]]/g, '\\$&')}$`) }),
    })

  it(`drives Debian's chromium at ${CHROMIUM} (CRMKIT_REQUIRE_BROWSER=1 makes its absence a failure)`, async () => {
    expect(browser.version()).toMatch(/^\d+\./)
  })

  it('lists uploads as they arrive, from any port, and shows their parts and answers', async () => {
    await open(s3.url)
    await expect
      .poll(() => page.locator('.requests, .empty').first().textContent())
      .toContain('No request yet')
    const text = Buffer.from('hello from a browser test\n')
    await uploadToLead('hello.txt', text)
    const { attachment } = await attachToNote('stripes.png', STRIPES_PNG)

    // Live: the four requests appear without a reload, newest first.
    await expect.poll(() => page.locator('.request').count()).toBe(4)
    expect(await page.locator('.request .service').allTextContents()).toEqual([
      'onepagecrm',
      's3',
      'onepagecrm',
      'sharpspring',
    ])

    // SharpSpring's /uploadFiles: the file part and the text parts, the secret key never shown.
    await line('/pubapi/v1.2/uploadFiles').click()
    const detail = page.locator('.detail')
    await expect.poll(() => detail.locator('.answer-status').textContent()).toBe('200')
    expect(await detail.locator('h2 .path').textContent()).not.toContain(sharpspring.credentials.secretKey)
    const file = partRow(detail, 'files[0]')
    expect(await file.locator('.part-filename').textContent()).toBe('hello.txt')
    expect(await file.locator('.part-size').getAttribute('title')).toBe(`${text.length} bytes`)
    expect(await file.locator('.part-sha256 code').getAttribute('title')).toBe(sha256(text))
    expect(await partRow(detail, 'objectType').locator('.part-value').textContent()).toBe('lead')

    // The S3 POST of OnePageCRM's three steps: the form's fields, the signature redacted, the file, the 201.
    await line('/onepagecrm-up').click()
    await expect.poll(() => detail.locator('.answer-status').textContent()).toBe('201')
    expect(await partRow(detail, 'x-amz-signature').locator('.part-value').textContent()).toBe('[redacted]')
    expect(await partRow(detail, 'key').locator('.part-value').textContent()).toMatch(
      new RegExp(`^${onepagecrm.demo.contactId}/\\d+/stripes\\.png$`),
    )
    const s3File = partRow(detail, 'file')
    expect(await s3File.locator('.part-sha256 code').getAttribute('title')).toBe(sha256(STRIPES_PNG))
    expect(await s3File.locator('.part-size').getAttribute('title')).toBe(`${STRIPES_PNG.length} bytes`)

    // Step 3, and the filters.
    await line('/api/v3/attachments').click()
    await expect.poll(() => detail.locator('.answer-status').textContent()).toBe('201')
    expect(attachment.id).toMatch(/^[0-9a-f]{24}$/)
    await page.locator('.filters select[name="service"]').selectOption('onepagecrm')
    await expect
      .poll(() => page.locator('.request .service').allTextContents())
      .toEqual(['onepagecrm', 'onepagecrm'])
    await page.locator('.filters select[name="method"]').selectOption('GET')
    await expect
      .poll(() => page.locator('.request .path').allTextContents())
      .toEqual([expect.stringMatching(/^\/api\/v3\/attachments\/s3_form/)])
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(() => page.locator('.request').count()).toBe(4)
  })

  it('moves the clock from the page, and shows the S3 POST refused for its expired form', async () => {
    const form = await opcClient.getUploadForm({ contactId: onepagecrm.demo.contactId })
    await open(onepagecrm.url, 'clock')
    await page.getByLabel('Advance by (ISO 8601 duration)').fill('PT2H')
    await page.getByRole('button', { name: 'Advance', exact: true }).click()
    await expect.poll(() => page.locator('.clock-state').textContent()).toMatch(/^Running · \+2 h/)
    const state = mocks.clock.state()
    expect(state.offsetMs).toBeGreaterThan(2 * 3600_000 - 5000)
    expect(
      Math.abs(pageTime(await page.locator('.clock-now').textContent()) - Date.parse(state.now)),
    ).toBeLessThan(5000)
    expect(await page.locator('.clock-badge.moved').count()).toBe(1)

    // The form was signed two hours ago (by the mocks' clock): S3 refuses it, and the client says so.
    const refused = await opcClient
      .uploadToS3({ form, file: { source: STRIPES_PNG, name: 'late.png' }, checkPolicy: false })
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(S3Error)
    expect([(refused as S3Error).status, (refused as S3Error).s3Code]).toEqual([403, 'AccessDenied'])

    await page.locator('.tabs a', { hasText: 'Requests' }).click()
    await page.locator('.filters input[name="refused"]').check()
    await expect.poll(() => page.locator('.request').count()).toBe(1)
    await line('/onepagecrm-up').click()
    const detail = page.locator('.detail')
    await expect.poll(() => detail.locator('.answer-status').textContent()).toBe('403')
    const [entry] = (await journal()).filter((candidate) => candidate.status === 403)
    expect(entry?.service).toBe('s3')
    // The S3 explainer: the checks as the route journals them, the one that refused highlighted.
    expect(entry?.error?.code).toBe('AccessDenied')
    expect(await detail.locator('.answer-error .error-code').textContent()).toBe('AccessDenied')
    const failed = entry?.explanation?.checks.filter((check) => check.outcome === 'failed')
    expect(failed?.map((check) => check.check)).toEqual(['policy not expired'])
    await expect
      .poll(() => detail.locator('.explanation tr.check.failed .check-what').textContent())
      .toBe('policy not expired')
    if (entry?.explanation !== undefined) await expectExplained(detail, entry.explanation)
    await page.locator('.filters input[name="refused"]').uncheck()
  })

  it('shows an explanation check by check, the refusing check highlighted, with the call and vendor error', async () => {
    // A service of its own on a mock host, journaling what a vendor's route journals: the S3 POST explainer's
    // shape, a vendor error and a JSON-RPC call. The page renders whatever `explanation.checks` holds.
    const explained = await explainedService()
    try {
      await (await fetch(`${explained.url}/refuse`, { method: 'POST' })).text()
      await open(explained.url)
      await line('/refuse').click()
      const detail = page.locator('.detail')
      await expect.poll(() => detail.locator('.answer-status').textContent()).toBe('403')
      expect(await detail.locator('.answer-error').textContent()).toBe(
        `${explained.entry.error.code} ${explained.entry.error.message}`,
      )
      expect(await detail.locator('.rpc').textContent()).toBe('method uploadPolicy, id "call-1"')
      await expectExplained(detail, explained.entry.explanation)
      expect(await detail.locator('.explanation .verdict').textContent()).toBe(
        `Refused at check 2 of 3: ${explained.entry.explanation.checks[1]?.check} show it`,
      )
      expect(JSON.parse((await detail.locator('.explanation pre').textContent()) ?? '')).toEqual(
        JSON.parse(explained.entry.explanation.document),
      )
      expect(await line('/refuse').locator('.tag.rpc').textContent()).toBe('uploadPolicy')
      expect(await line('/refuse').locator('.tag.code').textContent()).toBe('AccessDenied')
      expect(
        JSON.parse((await detail.locator('section[aria-label="JSON body"] pre').textContent()) ?? ''),
      ).toEqual(explained.body)
    } finally {
      await explained.close()
    }
  })

  it("previews an uploaded PNG with the PNG's own pixels, for both vendors, and shows what each belongs to", async () => {
    const { attachment } = await attachToNote('stripes.png', STRIPES_PNG)
    await uploadToLead('lead-stripes.png', STRIPES_PNG)
    await open(sharpspring.url, 'files')
    for (const [service, name] of [
      ['s3', 'stripes.png'],
      ['sharpspring', 'lead-stripes.png'],
    ] as const) {
      const card = page.locator(`.file-card[data-service="${service}"][data-name="${name}"]`)
      const image = card.locator('img')
      await image.scrollIntoViewIfNeeded()
      await expect
        .poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth))
        .toBe(PNG_WIDTH)
      // Shown at its own size; the card may place it at a fraction of a pixel, so its box may take one more.
      const shot = await image.screenshot()
      const size = sizeOf(shot)
      expect(size.width - PNG_WIDTH).toBeGreaterThanOrEqual(0)
      expect(size.width - PNG_WIDTH).toBeLessThanOrEqual(1)
      expect(size.height - PNG_HEIGHT).toBeLessThanOrEqual(1)
      STRIPES.forEach((colour, index) => {
        const seen = pixelAt(shot, index * STRIPE + STRIPE / 2, Math.floor(size.height / 2))
        expect(near(seen, colour), `${service} stripe ${index}: ${seen} is not ${colour}`).toBe(true)
      })
      const download = await card.locator('a.download').getAttribute('href')
      const bytes = Buffer.from(await (await fetch(`${sharpspring.url}${download}`)).arrayBuffer())
      expect(sha256(bytes)).toBe(sha256(STRIPES_PNG))
    }
    expect(await page.locator('.file-card[data-service="s3"] .belongs').textContent()).toBe(
      `attachment ${attachment.id} (note ${onepagecrm.demo.noteId}) of Joe Bloggs`,
    )
    expect(await page.locator('.file-card[data-service="sharpspring"] .belongs').textContent()).toBe(
      `lead ${sharpspring.demo.leadId}, ${sharpspring.demo.fileFields.lead}`,
    )

    // The records: the attachment, and the quota it uses.
    await page.locator('.tabs a', { hasText: 'Records' }).click()
    const attachments = page.locator('.record-group[data-group="attachments"]')
    await expect.poll(() => attachments.locator('tr.record').first().textContent()).toContain('stripes.png')
    const storage = page.locator('.record-group[data-group="storage"] tr.record td')
    expect((await storage.allTextContents())[1]).toBe(String(STRIPES_PNG.length))
    await page.locator('.record-group[data-group="leads"] tr.record').first().click()
    expect(await page.locator('.record-group[data-group="leads"] tr.record-json').textContent()).toContain(
      `"id": "${sharpspring.demo.leadId}"`,
    )
  })

  it('arms a fault from its form, which the next upload meets, and the journal names it', async () => {
    await open(s3.url, 'faults')
    const form = page.locator('form[aria-label="Arm a fault"]')
    await form.locator('input[name="times"]').fill('0')
    await form.getByRole('button', { name: 'Arm fault' }).click()
    await expect
      .poll(() => form.locator('.error').textContent())
      .toBe('times must be a whole number, 1 or more.')
    // The browser reports the refused request on its console; nothing else may be there.
    expect(problems.splice(0)).toEqual([expect.stringContaining('status of 400')])
    await form.locator('select[name="service"]').selectOption('s3')
    await form.locator('select[name="fault"]').selectOption('slow-down')
    await form.locator('select[name="method"]').selectOption('POST')
    await form.locator('input[name="times"]').fill('1')
    await form.getByRole('button', { name: 'Arm fault' }).click()
    const armed = page.locator('.armed-fault[data-fault="slow-down"]')
    await armed.waitFor()
    expect(await armed.locator('td').allTextContents()).toEqual([
      '1',
      'slow-down',
      's3',
      'POST',
      'any',
      '1',
      '',
      '',
    ])

    const failed = await attachToNote('after-fault.txt', Buffer.from('x')).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(S3Error)
    expect([(failed as S3Error).status, (failed as S3Error).s3Code]).toEqual([503, 'SlowDown'])
    await expect.poll(() => page.locator('.armed-fault').count()).toBe(0)

    await page.locator('.tabs a', { hasText: 'Requests' }).click()
    const faulted = line('/onepagecrm-up')
    await expect.poll(() => faulted.locator('.tag.fault').textContent()).toBe('fault: slow-down')
    await faulted.click()
    const detail = page.locator('.detail')
    await expect.poll(() => detail.locator('.answer-status').textContent()).toBe('503')
    expect(await detail.locator('.answer-fault').textContent()).toContain('slow-down')
    expect((await journal()).find((entry) => entry.fault !== undefined)).toMatchObject({
      service: 's3',
      status: 503,
      fault: 'slow-down',
    })
  })

  it('resets every service from the page, asking first', async () => {
    await uploadToLead('gone.txt', Buffer.from('gone'))
    await open(sharpspring.url)
    await expect.poll(() => page.locator('.request').count()).toBe(1)
    await page.getByRole('button', { name: 'Reset…' }).click()
    await page.getByRole('button', { name: 'Reset', exact: true }).click()
    await expect.poll(() => page.locator('.empty').first().textContent()).toContain('No request yet')
    expect(await journal()).toEqual([])
    expect(await (await fetch(`${s3.url}/__admin/files`)).json()).toEqual({ files: [], total: 0 })
  })

  it('looks like the README says (CRMKIT_SCREENSHOT=1 saves docs/images/inspector.png)', async () => {
    await uploadToLead('quarterly-report.pdf', Buffer.from('%PDF-1.7 a report'))
    await ssClient.call('getLeads', { where: {}, limit: 10 })
    const form = await opcClient.getUploadForm({ contactId: onepagecrm.demo.contactId })
    mocks.clock.advance('PT2H')
    await opcClient
      .uploadToS3({ form, file: { source: STRIPES_PNG, name: 'late.png' }, checkPolicy: false })
      .catch(() => undefined)
    mocks.clock.real()
    await attachToNote('stripes.png', STRIPES_PNG)
    await open(onepagecrm.url)
    await expect.poll(() => page.locator('.request').count()).toBe(7)
    await page
      .locator('.request', { has: page.locator('.status', { hasText: '201' }) })
      .filter({ hasText: 's3' })
      .click()
    await page.locator('.detail tr.part').first().waitFor()
    const shot = await page.screenshot()
    expect(sizeOf(shot)).toEqual({ width: 1440, height: 900 })
    if (process.env.CRMKIT_SCREENSHOT === '1') {
      const dir = new URL('../../docs/images/', import.meta.url)
      mkdirSync(dir, { recursive: true })
      writeFileSync(new URL('inspector.png', dir), shot)
    }
  })

  /** The explainer shows every check in order, its outcome, expected and got; the failed one highlighted. */
  async function expectExplained(detail: Locator, explanation: NonNullable<Entry['explanation']>) {
    const section = detail.locator('.explanation')
    expect(await section.locator('h3').textContent()).toBe(explanation.subject)
    const rows = section.locator('tr.check')
    expect(await rows.count()).toBe(explanation.checks.length)
    for (const [index, check] of explanation.checks.entries()) {
      const row = rows.nth(index)
      expect(await row.getAttribute('data-outcome')).toBe(check.outcome)
      expect(await row.locator('.check-what').textContent()).toBe(check.check)
      expect(await row.locator('.check-expected').textContent()).toBe(check.expected ?? '')
      expect(await row.locator('.check-got').textContent()).toBe(check.got ?? '')
    }
    const failed = section.locator('tr.check.failed td').first()
    const passed = section.locator('tr.check.passed td').first()
    if (explanation.checks.some((check) => check.outcome === 'failed')) {
      const [failedColour, passedColour] = await Promise.all([
        failed.evaluate((cell) => getComputedStyle(cell).backgroundColor),
        (await passed.count()) > 0
          ? passed.evaluate((cell) => getComputedStyle(cell).backgroundColor)
          : Promise.resolve('none'),
      ])
      expect(failedColour).not.toBe(passedColour)
      const [r, g, b] = (failedColour.match(/\d+/g) ?? []).map(Number)
      expect((r ?? 0) > (g ?? 0) && (r ?? 0) > (b ?? 0), `${failedColour} is not a red`).toBe(true)
    }
  }
})
