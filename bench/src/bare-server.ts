import { createServer } from 'node:http'

// The floor for any HTTP server in Node: read the body, discard it, answer 204.
const server = createServer((request, response) => {
  request.on('data', () => undefined)
  request.on('end', () => {
    response.writeHead(204)
    response.end()
  })
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}/bucket` })}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
