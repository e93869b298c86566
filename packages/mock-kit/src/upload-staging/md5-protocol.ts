/** Messages to the MD5 worker (`md5-worker.mjs`). Lengths count bytes from the start of the file. */
export type Md5Request =
  | { readonly type: 'begin'; readonly id: number; readonly path: string }
  /** The file now holds at least `length` bytes: hash them as far as that. */
  | { readonly type: 'advance'; readonly id: number; readonly length: number }
  /** The file is complete at `length` bytes: hash the rest and reply with the digest. */
  | { readonly type: 'finish'; readonly id: number; readonly length: number }
  | { readonly type: 'cancel'; readonly id: number }

/** Replies from the MD5 worker. */
export type Md5Reply =
  | { readonly type: 'digest'; readonly id: number; readonly md5: string }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
