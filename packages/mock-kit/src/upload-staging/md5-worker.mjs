// @ts-check
// The thread behind `createMd5Hasher`: it hashes upload files with MD5 as they are written, reading each
// range back once the main thread reports it written (it is still in the page cache), so that the event
// loop never spends time on MD5, the largest cost per byte of an upload. Plain JavaScript because Node
// starts a worker from a file it can run as it is, in the build and under the test runner alike.
import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'

/** @typedef {import('./md5-protocol.js').Md5Request} Md5Request */
/** @typedef {import('./md5-protocol.js').Md5Reply} Md5Reply */
/** @typedef {{ fd: number, hash: import('node:crypto').Hash, hashed: number }} Session */

const port = parentPort
if (port === null) throw new Error('md5-worker.mjs runs as a worker thread only.')

const buffer = Buffer.allocUnsafe(256 * 1024)
/** @type {Map<number, Session>} */
const sessions = new Map()

/** @param {Md5Reply} reply */
const send = (reply) => port.postMessage(reply)

/** @param {Session} session @param {number} length */
function hashUpTo(session, length) {
  while (session.hashed < length) {
    const want = Math.min(buffer.length, length - session.hashed)
    const read = readSync(session.fd, buffer, 0, want, session.hashed)
    if (read === 0) throw new Error(`The file ended at ${session.hashed} bytes, before ${length}.`)
    session.hash.update(buffer.subarray(0, read))
    session.hashed += read
  }
}

/** @param {number} id */
function end(id) {
  const session = sessions.get(id)
  sessions.delete(id)
  if (session !== undefined) closeSync(session.fd)
}

port.on('message', (/** @type {Md5Request} */ request) => {
  const { id } = request
  try {
    switch (request.type) {
      case 'begin':
        sessions.set(id, { fd: openSync(request.path, 'r'), hash: createHash('md5'), hashed: 0 })
        return
      case 'advance': {
        const session = sessions.get(id)
        if (session !== undefined) hashUpTo(session, request.length)
        return
      }
      case 'finish': {
        const session = sessions.get(id)
        if (session === undefined) throw new Error(`No MD5 session ${id}.`)
        hashUpTo(session, request.length)
        end(id)
        send({ type: 'digest', id, md5: session.hash.digest('hex') })
        return
      }
      case 'cancel':
        end(id)
        return
    }
  } catch (error) {
    // One session's failure (its file removed under it, say) must not stop the others.
    try {
      end(id)
    } catch {}
    send({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) })
  }
})
