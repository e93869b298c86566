import { copyFileSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { defineConfig } from 'tsup'

// The mocks and the libraries they run on are bundled into this package, so a project installs one small
// package rather than ~12 MB of dependencies, and a start parses a few files rather than hundreds
// (bench/README.md has the install size and the import time). @crmkit/s3-post-policy stays a dependency:
// it is published, and versioned with this package. The inspector (`/__admin/`) comes as strings in a chunk
// of its own, loaded at its first visit; Preact is inside those strings, built by @crmkit/inspector.
const BUNDLED = ['hono', '@hono/node-server', 'busboy', 'streamsearch', 'zod']

/** Packages bundled inside the inspector's built page, and where their licences are. */
const IN_INSPECTOR = ['preact']

/** The licence text of every bundled third-party package, as their MIT licences ask. */
function writeThirdPartyLicenses(): void {
  const sections = [...BUNDLED, ...IN_INSPECTOR].map((name) => {
    // streamsearch is busboy's own dependency, beside it in pnpm's store; the inspector's are its own.
    const dir =
      name === 'streamsearch'
        ? join(realpathSync('node_modules/busboy'), '..', 'streamsearch')
        : IN_INSPECTOR.includes(name)
          ? join('..', 'inspector', 'node_modules', name)
          : join('node_modules', name)
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      version: string
      license: string
    }
    const text = readFileSync(join(dir, 'LICENSE'), 'utf8').trim()
    return `## ${name} ${manifest.version} (${manifest.license})\n\n${text}\n`
  })
  writeFileSync(
    'THIRD-PARTY-LICENSES.md',
    `# Third-party licences\n\n\`@crmkit/mocks\` bundles these packages into \`dist/\` (Preact inside the inspector's page).\n\n${sections.join('\n')}`,
  )
}

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      cli: 'src/cli.ts',
      'verify-worker': 'src/verify/verify-worker.ts',
      verify: 'src/verify.ts',
      vitest: 'src/vitest.ts',
      'vitest-setup': 'src/vitest-setup.ts',
      jest: 'src/jest.ts',
      'jest-setup': 'src/jest-setup.ts',
      'jest-teardown': 'src/jest-teardown.ts',
    },
    format: ['esm'],
    dts: {
      // mock-kit is bundled, not published: its types a user sees (the journal's entries, the clock's state)
      // are taken from its sources into these declarations, as its code is into dist/ (`pnpm release`
      // checks that no declaration imports a package the manifest does not name).
      compilerOptions: { paths: { '@crmkit/mock-kit': [resolve('../mock-kit/src/index.ts')] } },
      entry: {
        index: 'src/index.ts',
        verify: 'src/verify.ts',
        vitest: 'src/vitest.ts',
        'vitest-setup': 'src/vitest-setup.ts',
        jest: 'src/jest.ts',
        'jest-setup': 'src/jest-setup.ts',
        'jest-teardown': 'src/jest-teardown.ts',
      },
    },
    noExternal: [/^@crmkit\/mock-/, '@crmkit/inspector', ...BUNDLED],
    external: ['vitest', '@crmkit/s3-post-policy', '@pact-foundation/pact-core'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: true,
    // busboy is CommonJS: its bundled `require('stream')` calls need a `require` in each ES module.
    banner: {
      js: "import { createRequire as __crmkitCreateRequire } from 'node:module'; const require = __crmkitCreateRequire(import.meta.url);",
    },
    async onSuccess() {
      // The S3 emulator hashes uploads on a worker thread (mock-kit's upload staging) started from this
      // file, which the bundled hasher looks for beside its own chunk.
      copyFileSync('../mock-kit/src/upload-staging/md5-worker.mjs', 'dist/md5-worker.mjs')
      writeThirdPartyLicenses()
    },
  },
  {
    // jest loads test files through its own require, which cannot load ES modules.
    entry: { jest: 'src/jest.ts' },
    format: ['cjs'],
    dts: { entry: { jest: 'src/jest.ts' } },
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
  },
])
