#!/usr/bin/env node
import { runCli } from './cli/run-cli.js'

// Ctrl-C aborts the upload (exit 130) instead of killing it halfway without a word.
const controller = new AbortController()
process.once('SIGINT', () => controller.abort(new Error('interrupted')))
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
})
