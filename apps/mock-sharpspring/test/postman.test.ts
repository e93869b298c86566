import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import newman, { type NewmanRunSummary } from 'newman'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSharpSpringMock, startSharpSpringMock } from '../src/index.js'

// The Postman request of SharpSpring's "Uploading Files" article (FIDELITY.md, "Sources"), verbatim; the
// test changes only host, port, credentials and the file's path.
const item = JSON.parse(
  readFileSync(new URL('./fixtures/upload-product-image.postman-item.json', import.meta.url), 'utf8'),
)

describe("the Uploading Files article's Postman request for uploadProductImage, run by newman", () => {
  let mock: RunningSharpSpringMock
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-newman-'))
  beforeAll(async () => {
    mock = await startSharpSpringMock({ seed: { products: [{ id: 681462799, productName: 'Rye' }] } })
  })
  afterAll(async () => {
    await mock.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('passes its assertions on the response', async () => {
    const image = join(dir, 'rye-rove-raggy.jpeg')
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), randomBytes(5000)])
    writeFileSync(image, jpeg)
    const { hostname, port } = new URL(mock.info.api)
    const { accountId, secretKey } = mock.info.auth
    const request = structuredClone(item.request)
    request.body.formdata = request.body.formdata.map((part: { type: string }) =>
      part.type === 'file' ? { ...part, src: image } : part,
    )
    request.url = {
      ...request.url,
      raw: `http://${hostname}:${port}/pubapi/v1.2/uploadProductImage?accountID=${accountId}&secretKey=${secretKey}`,
      protocol: 'http',
      host: hostname.split('.'),
      port,
      query: [
        { key: 'accountID', value: accountId },
        { key: 'secretKey', value: secretKey },
      ],
    }
    const collection = {
      info: {
        name: 'crmkit: Uploading Files article',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      item: [
        {
          ...item,
          request,
          event: [
            {
              listen: 'test',
              script: {
                exec: [
                  "pm.test('HTTP 200 with JSON', () => { pm.response.to.have.status(200); pm.response.to.be.json })",
                  'const body = pm.response.json()',
                  "pm.test('the product image is set', () => { pm.expect(body.error).to.eql(null); pm.expect(body.result.success).to.eql(true); pm.expect(body.result.id).to.eql(681462799) })",
                  "pm.test('the request id is echoed', () => pm.expect(body.id).to.eql('123'))",
                  "pm.test('imageURL is a URL', () => pm.expect(body.result.imageURL).to.match(/^http:\\/\\//))",
                ],
              },
            },
          ],
        },
      ],
    }
    const summary = await new Promise<NewmanRunSummary>((resolve, reject) =>
      newman.run({ collection, reporters: [] }, (error, result) => (error ? reject(error) : resolve(result))),
    )
    expect(summary.run.failures.map((failure) => failure.error.message)).toEqual([])
    expect(summary.run.stats.assertions.total).toBe(4)
    const url = mock.state.objects.product.get('681462799')?.imageURL ?? ''
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(jpeg)).toBe(true)
  })
})
