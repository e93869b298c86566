import { Hono } from 'hono'
import { RegExpRouter } from 'hono/router/reg-exp-router'
import { SmartRouter } from 'hono/router/smart-router'
import { TrieRouter } from 'hono/router/trie-router'
import { describe, expect, it } from 'vitest'
import { CachedRouter } from './cached-router.js'

const ROUTES: Array<[string, string]> = [
  ['GET', '/contacts'],
  ['GET', '/contacts/delete'],
  ['GET', '/contacts/:contact_id'],
  ['PUT', '/contacts/:id'],
  ['ALL', '/contacts/*'],
  ['GET', '/deals/:deal_id/notes/:note_id'],
]

function routers() {
  const plain = new SmartRouter<string>({ routers: [new RegExpRouter(), new TrieRouter()] })
  const cached = new CachedRouter<string>()
  for (const [method, path] of ROUTES) {
    plain.add(method, path, `${method} ${path}`)
    cached.add(method, path, `${method} ${path}`)
  }
  return { plain, cached }
}

describe('CachedRouter', () => {
  it('matches what the default router matches, the first time and again', () => {
    const { plain, cached } = routers()
    const requests = [
      '/contacts',
      '/contacts/delete',
      '/contacts/5a',
      '/contacts/5a/x',
      '/deals/1/notes/2',
      '/nope',
    ]
    for (const round of [1, 2])
      for (const method of ['GET', 'PUT', 'POST'])
        for (const path of requests)
          expect(cached.match(method, path), `${method} ${path}, round ${round}`).toEqual(
            plain.match(method, path),
          )
  })

  it('stays within its bounds however many paths it sees, and still matches', () => {
    const { plain, cached } = routers()
    for (let index = 0; index < 5000; index++) {
      const path = `/contacts/${index}${'x'.repeat(index % 500)}`
      expect(cached.match('GET', path)).toEqual(plain.match('GET', path))
    }
  })

  it('answers an app as its default router does', async () => {
    const app = (router?: CachedRouter<never>) => {
      const hono = router === undefined ? new Hono() : new Hono({ router })
      hono.use('/a/*', async (c, next) => {
        await next()
        c.header('x-seen', c.req.path)
      })
      hono.get('/a/:id', (c) => c.text(`a ${c.req.param('id')}`))
      hono.get('/a/b', (c) => c.text('b'))
      return hono
    }
    const plain = app()
    const cached = app(new CachedRouter())
    for (const path of ['/a/1', '/a/b', '/a/1', '/c']) {
      const [want, got] = await Promise.all([plain.request(path), cached.request(path)])
      expect([got.status, got.headers.get('x-seen'), await got.text()]).toEqual([
        want.status,
        want.headers.get('x-seen'),
        await want.text(),
      ])
    }
  })
})
