import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isSecretName, REDACTED, redactedJson, redactedSearch } from './journal-redaction.js'

/** What redactedJson writes, by the plain rule: a replacer that redacts every secret key at any depth. */
const byReplacer = (value: unknown) =>
  JSON.stringify(value, (key, inner) => (key !== '' && isSecretName(key) ? REDACTED : inner)) ?? ''

/** JSON-like values whose keys are often secret names. */
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('secretKey', 'Password', 'api_key', 'x-amz-signature', 'id'),
)
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}))

describe('redactedJson', () => {
  it('writes what a redacting replacer writes, whatever the data', () => {
    fc.assert(
      fc.property(value, (data) => {
        expect(redactedJson(data)).toBe(byReplacer(data))
      }),
      { numRuns: 3000 },
    )
  })

  it('redacts at any depth, in data that is not plain, and past the depth it looks at', () => {
    let deep: unknown = { password: 'hunter2' }
    for (let level = 0; level < 100; level++) deep = { next: deep }
    expect(redactedJson(deep)).not.toContain('hunter2')
    expect(redactedJson({ at: new Date(0), nested: { toJSON: () => ({ secretKey: 'k' }) } })).toBe(
      '{"at":"1970-01-01T00:00:00.000Z","nested":{"secretKey":"[redacted]"}}',
    )
    expect(redactedJson([{ apiKey: 'x' }, new Map()])).toBe('[{"apiKey":"[redacted]"},{}]')
  })
})

describe('redactedSearch', () => {
  it('writes what reading the pairs and writing them again writes, whatever the query', () => {
    const general = (search: string) => {
      if (search === '') return ''
      const pairs = [...new URLSearchParams(search)].map(
        ([name, value]) =>
          `${encodeURIComponent(name)}=${isSecretName(name) ? REDACTED : encodeURIComponent(value)}`,
      )
      return `?${pairs.join('&')}`
    }
    const piece = fc.constantFrom(
      'a',
      'Z',
      '0',
      '_',
      '-',
      '.',
      '~',
      '*',
      "'",
      '(',
      '&',
      '=',
      '+',
      '%',
      '%41',
      '?',
      ' ',
      'é',
      'secretKey',
      'signature',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const search = `?${pieces.join('')}`
        expect(redactedSearch(search)).toBe(general(search))
      }),
      { numRuns: 3000 },
    )
  })

  it('writes the query pair by pair, secrets redacted', () => {
    expect(redactedSearch('')).toBe('')
    expect(redactedSearch('?accountID=A%201&secretKey=s3cr3t&&x')).toBe(
      '?accountID=A%201&secretKey=[redacted]&x=',
    )
  })
})

describe('isSecretName', () => {
  it('names a secret by itself, or inside PHP-style brackets and dotted paths', () => {
    for (const name of [
      'secretKey',
      'secretKey[]',
      'secretKey[0]',
      'user[password]',
      'auth.api_key',
      'a[b][Signature]',
    ])
      expect(isSecretName(name), name).toBe(true)
    for (const name of ['key', 'secretKeyring', 'files[0]', 'fields.name', 'password_hint', '[]'])
      expect(isSecretName(name), name).toBe(false)
  })

  it('keeps such values out of a query as journaled', () => {
    expect(redactedSearch('?accountID=1&secretKey[]=s3cr3t&user[password]=pw')).toBe(
      '?accountID=1&secretKey%5B%5D=[redacted]&user%5Bpassword%5D=[redacted]',
    )
  })
})
