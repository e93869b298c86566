// `pnpm start`: builds the mocks and the upload client, then runs `crmkit-mocks` in this process.
// One `node` command as the whole script, so the shell pnpm starts hands its place to node: on Ctrl-C the
// mocks close and exit 0, and pnpm sees that exit code. With `turbo … && node …` as the script, the shell
// itself died of the SIGINT and pnpm printed ELIFECYCLE over a clean stop (pnpm/pnpm#9945).
import { spawnSync } from 'node:child_process'

const build = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@crmkit/mocks...',
    '--filter=@crmkit/upload-client...',
    '--output-logs=errors-only',
  ],
  { stdio: 'inherit' },
)
if (build.signal !== null) process.kill(process.pid, build.signal)
else if (build.status !== 0) process.exit(build.status ?? 1)
else await import('../packages/mocks/bin/crmkit-mocks.js')
