import { Worker } from 'node:worker_threads'
import type { Md5Reply, Md5Request } from './md5-protocol.js'

/**
 * MD5 of files as they are written, computed on one worker thread (`md5-worker.mjs`) that reads back each
 * range once it is written. MD5 is the largest cost per byte of an upload (every byte is hashed for the
 * ETag) and cannot be split, so moving it off the event loop is what lets receiving, parsing and writing
 * run beside it on another core.
 */
export interface Md5Hasher {
  /** Starts hashing the file at `path`, which must exist. */
  begin(path: string): Md5Session
  /** Stops the worker; sessions still open fail. */
  close(): Promise<void>
}

export interface Md5Session {
  /** The first `length` bytes of the file are written. */
  advance(length: number): void
  /** The file is complete at `length` bytes; resolves to its hex MD5. */
  finish(length: number): Promise<string>
  /** Abandons the session (the file is being removed); its digest is never asked for. */
  cancel(): void
}

/** What the main thread knows of a session: who waits for its digest, or the failure kept for them. */
interface SessionState {
  waiter?: { resolve(md5: string): void; reject(error: Error): void }
  failure?: Error
}

export function createMd5Hasher(): Md5Hasher {
  let worker: Worker | undefined
  let nextId = 0
  const sessions = new Map<number, SessionState>()

  // Only sessions in progress keep the process alive.
  const forget = (id: number) => {
    sessions.delete(id)
    if (sessions.size === 0) worker?.unref()
  }
  const fail = (id: number, state: SessionState, error: Error) => {
    if (state.waiter === undefined) {
      state.failure ??= error
      return
    }
    forget(id)
    state.waiter.reject(error)
  }
  const failAll = (error: Error) => {
    for (const [id, state] of sessions) fail(id, state, error)
  }

  const start = (): Worker => {
    const started = new Worker(new URL('./md5-worker.mjs', import.meta.url))
    started.on('message', (reply: Md5Reply) => {
      const state = sessions.get(reply.id)
      // A reply for a cancelled session has nobody to go to.
      if (state === undefined) return
      if (reply.type === 'failed') {
        fail(reply.id, state, new Error(`MD5 of an upload failed: ${reply.message}`))
        return
      }
      forget(reply.id)
      state.waiter?.resolve(reply.md5)
    })
    // A worker that dies takes its sessions with it; the next upload starts a new one.
    started.on('error', (error) => failAll(error))
    started.on('exit', (code) => {
      if (worker === started) worker = undefined
      failAll(new Error(`The MD5 worker stopped (exit code ${code}).`))
    })
    return started
  }

  const post = (request: Md5Request) => {
    worker ??= start()
    worker.postMessage(request)
  }

  return {
    begin(path) {
      const id = nextId++
      post({ type: 'begin', id, path })
      sessions.set(id, {})
      worker?.ref()
      const ongoing = () => {
        const state = sessions.get(id)
        return state !== undefined && state.waiter === undefined ? state : undefined
      }
      return {
        advance(length) {
          if (ongoing() !== undefined) post({ type: 'advance', id, length })
        },
        finish(length) {
          const state = ongoing()
          if (state === undefined) return Promise.reject(new Error('This MD5 session has ended.'))
          if (state.failure !== undefined) {
            post({ type: 'cancel', id })
            forget(id)
            return Promise.reject(state.failure)
          }
          return new Promise<string>((resolve, reject) => {
            state.waiter = { resolve, reject }
            post({ type: 'finish', id, length })
          })
        },
        cancel() {
          if (ongoing() === undefined) return
          post({ type: 'cancel', id })
          forget(id)
        },
      }
    },
    async close() {
      const stopping = worker
      worker = undefined
      failAll(new Error('The MD5 hasher was closed.'))
      sessions.clear()
      await stopping?.terminate()
    },
  }
}
