import { Agent } from 'undici'

/**
 * A connection pool for one test's client. Each consumer test gets a new Pact mock server, and the OS may give
 * it the port of an earlier one whose connections are still open: a keep-alive socket from a shared pool
 * would then carry the request to the old server, which answers it, and the new one reports the request
 * "expected but not received". A pool per client cannot hold such a socket.
 */
export const ownConnections = (): Agent => new Agent()
