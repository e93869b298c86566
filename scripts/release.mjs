#!/usr/bin/env node
// `pnpm release [--dry-run]`: builds the published packages, packs each as pnpm publishes it
// (workspace:* turned into versions), checks every tarball (publint, Are the Types Wrong, contents), then
// publishes what changesets has versioned. `--dry-run` (what CI runs) stops before publishing.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PACKAGES = ['schemas', 's3-post-policy', 'upload-client', 'mocks']
/** What a user needs, and nothing else: no sources, tests, configs or source maps. */
const ALLOWED =
  /^package\/(package\.json|README\.md|STATES\.md|LICENSE|THIRD-PARTY-LICENSES\.md|CHANGELOG\.md|bin\/[\w.-]+\.js|cjs\/[\w.-]+\.(cjs|d\.cts)|dist\/[\w.-]+\.(js|mjs|cjs|d\.ts|d\.cts))$/
const BUILTINS = new Set(builtinModules)
const dryRun = process.argv.includes('--dry-run')
const root = new URL('..', import.meta.url).pathname

const run = (command, args, options = {}) =>
  execFileSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    ...options,
  })

run('pnpm', [
  'turbo',
  'run',
  'build',
  ...PACKAGES.map((name) => `--filter=@crmkit/${name}`),
  '--output-logs=errors-only',
])
const out = mkdtempSync(join(tmpdir(), 'crmkit-release-'))
const failures = []
try {
  for (const name of PACKAGES) {
    const dir = join(root, 'packages', name)
    run('pnpm', ['pack', '--pack-destination', out], { cwd: dir })
    const tarball = join(
      out,
      readdirSync(out).find((file) => file.startsWith(`crmkit-${name}-`)),
    )
    const files = run('tar', ['-tzf', tarball]).trim().split('\n')
    const extra = files.filter((file) => !ALLOWED.test(file))
    if (extra.length > 0) failures.push(`${name}: files a user does not need: ${extra.join(', ')}`)
    const missing = [
      'package/README.md',
      'package/LICENSE',
      'package/dist/index.js',
      'package/dist/index.d.ts',
    ].filter((file) => !files.includes(file))
    if (missing.length > 0) failures.push(`${name}: missing ${missing.join(', ')}`)
    const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']))
    const unresolved = Object.entries(manifest.dependencies ?? {}).filter(([, range]) =>
      String(range).startsWith('workspace:'),
    )
    if (unresolved.length > 0)
      failures.push(`${name}: unresolved workspace ranges: ${unresolved.map(([dep]) => dep).join(', ')}`)
    const undeclared = undeclaredTypeImports(tarball, files, manifest)
    if (undeclared.length > 0)
      failures.push(
        `${name}: type declarations import packages a user cannot install: ${undeclared.join(', ')}`,
      )
    for (const [tool, args] of [
      ['publint', ['run', tarball, '--strict']],
      ['attw', [tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-emoji', '--no-color']],
    ]) {
      try {
        run(join(root, 'node_modules', '.bin', tool), args)
      } catch (error) {
        failures.push(`${name}: ${tool} failed:\n${error.stdout ?? error.message}`)
      }
    }
    console.log(`${manifest.name}@${manifest.version}: ${files.length} files, publint and attw clean`)
  }
} finally {
  rmSync(out, { recursive: true, force: true })
}
/**
 * The packages the tarball's declaration files import that its manifest neither depends on nor names as a
 * peer: a workspace package bundled into the JavaScript (`@crmkit/mock-kit`) but left as an import in the
 * types turns a user's types into errors, or into `any` with `skipLibCheck`. publint and attw check the
 * entry points, not what the declarations import.
 */
function undeclaredTypeImports(tarball, files, manifest) {
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ])
  const found = new Set()
  for (const file of files.filter((entry) => /\.d\.c?ts$/.test(entry))) {
    const text = run('tar', ['-xzOf', tarball, file])
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0]
      if (!declared.has(name) && !BUILTINS.has(name)) found.add(`${name} (${file.replace('package/', '')})`)
    }
  }
  return [...found]
}

if (failures.length > 0) {
  console.error(failures.join('\n'))
  process.exit(1)
}
if (dryRun) {
  console.log('Dry run: nothing published. `pnpm release` publishes what `pnpm changeset version` versioned.')
} else {
  execFileSync('pnpm', ['changeset', 'publish'], { cwd: root, stdio: 'inherit' })
}
