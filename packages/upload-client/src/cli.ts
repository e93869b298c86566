#!/usr/bin/env node
import { createRequire } from 'node:module'
import { runCli } from './cli/run-cli.js'

// The package's own package.json, read at run time: one directory up from src/cli.ts and from the bundled
// dist/cli.js alike, so the version printed is the installed one.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string }

// Ctrl-C aborts the upload (exit 130) instead of killing it halfway without a word.
const controller = new AbortController()
process.once('SIGINT', () => controller.abort(new Error('interrupted')))
process.exitCode = await runCli(process.argv.slice(2), {
  version,
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
})
