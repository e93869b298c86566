import type { Context, Env, Hono } from 'hono'

/**
 * The inspector page's Content-Security-Policy: its own script and stylesheet only (no inline script or
 * style element, no other origin: it works offline), images from the mock itself (previews of kept files),
 * requests to the mock itself (the admin API), and no framing by another page.
 */
export const INSPECTOR_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

type Assets = Readonly<Record<string, { readonly contentType: string; readonly body: string }>>

let assets: Promise<Assets> | undefined

/** Loaded at the first visit, so that starting a mock does not parse the page. */
const loadAssets = (): Promise<Assets> => {
  assets ??= import('@crmkit/inspector').then(
    (module) => module.INSPECTOR_ASSETS,
    (error: unknown) => {
      // Tried again at the next visit rather than failing every one after.
      assets = undefined
      throw error
    },
  )
  return assets
}

/**
 * `GET /__admin/` (the inspector), `/__admin/assets/<name>` (its script, stylesheet and icon) and
 * `/__admin` (a redirect to the page), from memory: the page is built into strings (`@crmkit/inspector`).
 */
export function addInspectorPage<E extends Env>(app: Hono<E>): void {
  app.get('/__admin', (c) => c.redirect('/__admin/', 308))
  app.get('/__admin/', (c) => serveAsset(c, 'index.html'))
  app.get('/__admin/assets/:name', (c) => serveAsset(c, `assets/${c.req.param('name')}`))
}

async function serveAsset(c: Context, path: string): Promise<Response> {
  const all = await loadAssets()
  const asset = Object.hasOwn(all, path) ? all[path] : undefined
  if (asset === undefined) return c.json({ error: `The inspector has no file ${path}.` }, 404)
  return c.body(asset.body, 200, {
    'Content-Type': asset.contentType,
    'Content-Security-Policy': INSPECTOR_CSP,
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  })
}
