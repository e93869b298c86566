import { ONEPAGECRM_HELP, S3_HELP } from '@crmkit/mock-onepagecrm'
import { SHARPSPRING_HELP } from '@crmkit/mock-sharpspring'
import { DEFAULT_PORTS } from '../default-ports.js'

export const HELP = `Usage: crmkit-mocks [service...] [options]
       crmkit-mocks verify <pact file|directory|URL>... [options]   (crmkit-mocks verify --help)

Starts crmkit's mock servers in one process, each on its own port: SharpSpring (the JSON-RPC API,
/uploadFiles, /uploadProductImage), the OnePageCRM API v3, and the S3 emulator OnePageCRM's upload form
posts to. Services: sharpspring, onepagecrm, s3 (default all; onepagecrm brings s3).

  crmkit-mocks                     all three on ${DEFAULT_PORTS.sharpspring}, ${DEFAULT_PORTS.onepagecrm}, ${DEFAULT_PORTS.s3}
  crmkit-mocks sharpspring --json  one service, one JSON ready line
  crmkit-mocks onepagecrm --onepagecrm-port 0 --s3-port 0   free ports

Options:
  --host <addr>                  Address to bind (default 127.0.0.1; anything else exposes the admin API)
  --sharpspring-port <n>         SharpSpring's port (default ${DEFAULT_PORTS.sharpspring}; 0 picks a free port)
  --onepagecrm-port <n>          OnePageCRM's port (default ${DEFAULT_PORTS.onepagecrm})
  --s3-port <n>                  The S3 emulator's port (default ${DEFAULT_PORTS.s3})
  --data-dir <dir>               Keep records and files here across restarts (default: in memory, files in
                                 a temporary directory removed on exit)
  --seed <file.json>             Records to start with: {"sharpspring": {...}, "onepagecrm": {...}}
  --no-journal-digests           Keep part sizes but no SHA-256 in the request journal
  --json                         Once listening, print one line of JSON: every service's URL,
                                 credentials and demo ids
  --version                      Print the version
  --help                         Show this text

${SHARPSPRING_HELP}

${ONEPAGECRM_HELP}

${S3_HELP}

Environment: every option as CRMKIT_<NAME>, dashes as underscores (CRMKIT_S3_PORT=0); flags win.
Every port serves GET /__admin/health and the admin API. SIGINT and SIGTERM stop cleanly (exit 0).`
