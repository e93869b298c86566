#!/usr/bin/env node
// `pnpm examples`: runs every project under examples/ as an adopter would, from the packed tarballs of the
// published packages installed with npm into an empty temporary project, never through workspace links.
// `pnpm test` ends with it, so CI proves that what we publish installs and works from another project.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PUBLISHED = ['schemas', 's3-post-policy', 'upload-client', 'mocks']
const root = new URL('..', import.meta.url).pathname
const only = process.argv.slice(2)

const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit', env: npmEnv() })

/** npm with no audit, fund or update checks, and none of pnpm's own settings (which npm warns about). */
function npmEnv() {
  const env = {
    ...process.env,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  }
  for (const name of Object.keys(env))
    if (/^npm_config_(store_dir|recursive|workspace)/i.test(name)) delete env[name]
  return env
}

execFileSync(
  'pnpm',
  [
    'turbo',
    'run',
    'build',
    ...PUBLISHED.map((name) => `--filter=@crmkit/${name}`),
    '--output-logs=errors-only',
  ],
  { cwd: root, stdio: 'inherit' },
)
const work = mkdtempSync(join(tmpdir(), 'crmkit-examples-'))
const failures = []
try {
  const tarballs = {}
  for (const name of PUBLISHED) {
    execFileSync('pnpm', ['pack', '--pack-destination', work], {
      cwd: join(root, 'packages', name),
      stdio: 'ignore',
    })
    const file = readdirSync(work).find(
      (entry) => entry.startsWith(`crmkit-${name}-`) && entry.endsWith('.tgz'),
    )
    tarballs[`@crmkit/${name}`] = `file:${join(work, file)}`
  }
  const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && (only.length === 0 || only.includes(entry.name)))
    .map((entry) => entry.name)
  for (const example of examples) {
    const dir = join(work, example)
    cpSync(join(root, 'examples', example), dir, {
      recursive: true,
      filter: (path) => !path.includes('node_modules'),
    })
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    // Our packages come from the tarballs, wherever they appear in the tree; the rest from the registry.
    for (const field of ['dependencies', 'devDependencies']) {
      for (const name of Object.keys(manifest[field] ?? {}))
        if (name in tarballs) manifest[field][name] = tarballs[name]
    }
    manifest.overrides = { ...manifest.overrides, ...tarballs }
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    const started = performance.now()
    try {
      console.log(`\nexamples/${example}: npm install`)
      run('npm', ['install', '--no-package-lock', '--loglevel=error'], dir)
      console.log(`examples/${example}: npm test`)
      run('npm', ['test'], dir)
      console.log(`examples/${example}: passed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    } catch (error) {
      failures.push(`examples/${example}: ${error.message.split('\n')[0]}`)
    }
  }
  console.log(`\nexamples: ${examples.length - failures.length} passed, ${failures.length} failed`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
if (failures.length > 0) {
  console.error(failures.join('\n'))
  process.exit(1)
}
