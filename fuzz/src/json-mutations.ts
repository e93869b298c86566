import fc from 'fast-check'
import { SPECIAL_NAMES } from './multipart-mutations.js'

/** JSON text written as is where a value goes (a number JSON.stringify cannot write, deep nesting…). */
export class Raw {
  constructor(readonly text: string) {}
}

export type JsonTree = null | boolean | number | string | Raw | JsonTree[] | { [key: string]: JsonTree }

export type TypeVariant =
  | 'null'
  | 'true'
  | 'false'
  | 'zero'
  | 'negative'
  | 'float'
  | 'empty-string'
  | 'string'
  | 'long-string'
  | 'empty-array'
  | 'array'
  | 'empty-object'
  | 'object'
  | 'array-of-objects'

export type SyntaxVariant =
  | 'truncate'
  | 'trailing-comma'
  | 'single-quotes'
  | 'unquoted-keys'
  | 'comment'
  | 'garbage-after'
  | 'two-documents'
  | 'empty'
  | 'whitespace'
  | 'invalid-utf8'
  | 'raw-control'
  | 'bad-escape'
  | 'nan'

export type JsonMutation =
  | { readonly k: 'syntax'; readonly variant: SyntaxVariant; readonly at: number }
  | { readonly k: 'top'; readonly value: 'null' | 'array' | 'string' | 'number' | 'true' | 'wrapped' }
  | { readonly k: 'number'; readonly path: number; readonly text: string }
  | { readonly k: 'deep'; readonly path: number; readonly depth: number; readonly shape: 'array' | 'object' }
  | { readonly k: 'type'; readonly path: number; readonly value: TypeVariant }
  | { readonly k: 'add-key'; readonly path: number; readonly key: string; readonly value: TypeVariant }
  | { readonly k: 'drop-key'; readonly path: number }
  | { readonly k: 'string'; readonly path: number; readonly value: string }
  | {
      readonly k: 'large'
      readonly path: number
      readonly bytes: number
      readonly shape: 'string' | 'array' | 'object'
    }
  | { readonly k: 'dup-key'; readonly path: number }
  | { readonly k: 'method'; readonly name: string }
  | { readonly k: 'encoding'; readonly variant: 'utf8-bom' | 'utf16le-bom' | 'utf16be' | 'latin1' }
  | { readonly k: 'content-type'; readonly value: string | null }

export const SPECIAL_STRINGS: readonly string[] = [
  ...SPECIAL_NAMES,
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'NaN',
  'Infinity',
  'true',
  'null',
  '9'.repeat(400),
  '2026-13-45',
  '0000-00-00 00:00:00',
  '5ae06ef9d55673108fe8877f',
  'ffffffffffffffffffffffff',
  '5AE06EF9D55673108FE8877F',
]

export const NUMBER_TEXTS: readonly string[] = [
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '123456789012345678901234567890',
  '9007199254740993',
  '1E2',
  '-1',
  '0',
  '4294967296',
  '1.7976931348623157e309',
  '1.0',
  '01',
  '.5',
  '+1',
  '0x10',
  'NaN',
  'Infinity',
  '-',
]

/** The largest body a `large` mutation makes: the long run may go further than the bounded one. */
export function jsonMutationArbitrary(options: {
  maxLargeBytes: number
  extra?: fc.Arbitrary<JsonMutation> | undefined
}): fc.Arbitrary<JsonMutation> {
  const path = fc.nat(200)
  const typeVariant = fc.constantFrom<TypeVariant>(
    'null',
    'true',
    'false',
    'zero',
    'negative',
    'float',
    'empty-string',
    'string',
    'long-string',
    'empty-array',
    'array',
    'empty-object',
    'object',
    'array-of-objects',
  )
  const arbitraries: Array<fc.WeightedArbitrary<JsonMutation>> = [
    {
      weight: 3,
      arbitrary: fc.record({
        k: fc.constant('syntax' as const),
        variant: fc.constantFrom<SyntaxVariant>(
          'truncate',
          'trailing-comma',
          'single-quotes',
          'unquoted-keys',
          'comment',
          'garbage-after',
          'two-documents',
          'empty',
          'whitespace',
          'invalid-utf8',
          'raw-control',
          'bad-escape',
          'nan',
        ),
        at: fc.nat(9999),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        k: fc.constant('top' as const),
        value: fc.constantFrom(
          'null' as const,
          'array' as const,
          'string' as const,
          'number' as const,
          'true' as const,
          'wrapped' as const,
        ),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        k: fc.constant('number' as const),
        path,
        text: fc.constantFrom(...NUMBER_TEXTS),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        k: fc.constant('deep' as const),
        path,
        depth: fc.constantFrom(50, 1000, 10_000, 100_000, 500_000),
        shape: fc.constantFrom('array' as const, 'object' as const),
      }),
    },
    { weight: 5, arbitrary: fc.record({ k: fc.constant('type' as const), path, value: typeVariant }) },
    {
      weight: 3,
      arbitrary: fc.record({
        k: fc.constant('add-key' as const),
        path,
        key: fc.oneof(
          fc.constantFrom(
            '__proto__',
            'constructor',
            'prototype',
            'toString',
            'hasOwnProperty',
            'valueOf',
            'id',
            '',
          ),
          fc.string({ maxLength: 12 }),
        ),
        value: typeVariant,
      }),
    },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('drop-key' as const), path }) },
    {
      weight: 4,
      arbitrary: fc.record({
        k: fc.constant('string' as const),
        path,
        value: fc.constantFrom(...SPECIAL_STRINGS),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        k: fc.constant('large' as const),
        path,
        bytes: fc.integer({ min: 100_000, max: options.maxLargeBytes }),
        shape: fc.constantFrom('string' as const, 'array' as const, 'object' as const),
      }),
    },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('dup-key' as const), path }) },
    {
      weight: 1,
      arbitrary: fc.record({
        k: fc.constant('encoding' as const),
        variant: fc.constantFrom(
          'utf8-bom' as const,
          'utf16le-bom' as const,
          'utf16be' as const,
          'latin1' as const,
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        k: fc.constant('content-type' as const),
        value: fc.constantFrom(
          null,
          'text/plain',
          'application/json; charset=utf-16',
          'application/json; charset=x-unknown',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ),
      }),
    },
  ]
  if (options.extra !== undefined) arbitraries.push({ weight: 4, arbitrary: options.extra })
  return fc.oneof(...arbitraries)
}

function typed(variant: TypeVariant): JsonTree {
  switch (variant) {
    case 'null':
      return null
    case 'true':
      return true
    case 'false':
      return false
    case 'zero':
      return 0
    case 'negative':
      return -1
    case 'float':
      return 1.5
    case 'empty-string':
      return ''
    case 'string':
      return 'x'
    case 'long-string':
      return 'z'.repeat(10_240 + 1)
    case 'empty-array':
      return []
    case 'array':
      return [1, 'a', null]
    case 'empty-object':
      return {}
    case 'object':
      return { a: 1 }
    case 'array-of-objects':
      return [{ id: 1 }, {}]
  }
}

interface Slot {
  readonly value: JsonTree
  set(value: JsonTree): void
  /** The key (or index) this value has in its parent, and the parent; undefined for the root. */
  readonly parent?: {
    readonly container: JsonTree[] | { [key: string]: JsonTree }
    readonly key: string | number
  }
}

function isObject(value: JsonTree): value is { [key: string]: JsonTree } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Raw)
}

/** Every value of the tree, root first, depth first. */
function slots(root: { value: JsonTree }): Slot[] {
  const found: Slot[] = []
  const visit = (value: JsonTree, set: (v: JsonTree) => void, parent?: Slot['parent']) => {
    found.push({ value, set, ...(parent === undefined ? {} : { parent }) })
    if (Array.isArray(value))
      for (const [index, item] of value.entries())
        visit(
          item,
          (v) => {
            value[index] = v
          },
          { container: value, key: index },
        )
    else if (isObject(value))
      for (const key of Object.keys(value))
        visit(
          value[key] as JsonTree,
          (v) => {
            value[key] = v
          },
          { container: value, key },
        )
  }
  visit(root.value, (v) => {
    root.value = v
  })
  return found
}

function containerSlots(all: Slot[]): Slot[] {
  return all.filter((slot) => isObject(slot.value) || Array.isArray(slot.value))
}

export function serialize(value: JsonTree): string {
  if (value instanceof Raw) return value.text
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`
  if (isObject(value))
    return `{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${serialize(value[key] as JsonTree)}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export interface JsonRequestBody {
  readonly bytes: Buffer
  /** The request's Content-Type; undefined sends none. */
  readonly contentType: string | undefined
}

/** Applies the mutations to a deep copy of `base` and renders the body. */
export function mutateJson(base: JsonTree, mutations: readonly JsonMutation[]): JsonRequestBody {
  const root = { value: structuredClone(base) as JsonTree }
  let contentType: string | undefined = 'application/json'
  const textMutations: JsonMutation[] = []
  for (const mutation of mutations) {
    const all = slots(root)
    const pick = (n: number) => all[n % all.length] as Slot
    switch (mutation.k) {
      case 'top':
        root.value =
          mutation.value === 'null'
            ? null
            : mutation.value === 'array'
              ? []
              : mutation.value === 'string'
                ? 'text'
                : mutation.value === 'number'
                  ? 42
                  : mutation.value === 'true'
                    ? true
                    : [root.value]
        break
      case 'number':
        pick(mutation.path).set(new Raw(mutation.text))
        break
      case 'deep': {
        const [open, close] = mutation.shape === 'array' ? ['[', ']'] : ['{"a":', '}']
        pick(mutation.path).set(new Raw(`${open.repeat(mutation.depth)}1${close.repeat(mutation.depth)}`))
        break
      }
      case 'type':
        pick(mutation.path).set(typed(mutation.value))
        break
      case 'add-key': {
        const containers = containerSlots(all)
        const slot = containers[mutation.path % Math.max(1, containers.length)]
        if (slot === undefined) break
        if (Array.isArray(slot.value)) slot.value.push(typed(mutation.value))
        else if (isObject(slot.value))
          // `__proto__` as an own key, as JSON.parse makes it.
          Object.defineProperty(slot.value, mutation.key, {
            value: typed(mutation.value),
            enumerable: true,
            configurable: true,
            writable: true,
          })
        break
      }
      case 'drop-key': {
        const children = all.filter((slot) => slot.parent !== undefined)
        const slot = children[mutation.path % Math.max(1, children.length)]
        if (slot?.parent === undefined) break
        const { container, key } = slot.parent
        if (Array.isArray(container)) container.splice(key as number, 1)
        else delete container[key as string]
        break
      }
      case 'string':
        pick(mutation.path).set(mutation.value)
        break
      case 'large': {
        const n = mutation.bytes
        pick(mutation.path).set(
          mutation.shape === 'string'
            ? new Raw(JSON.stringify('L'.repeat(n)))
            : mutation.shape === 'array'
              ? new Raw(`[${Array.from({ length: Math.floor(n / 2) }, () => '1').join(',')}]`)
              : new Raw(`{${Array.from({ length: Math.floor(n / 12) }, (_, i) => `"k${i}":1`).join(',')}}`),
        )
        break
      }
      case 'dup-key': {
        const objects = containerSlots(all).filter((slot) => isObject(slot.value))
        const slot = objects[mutation.path % Math.max(1, objects.length)]
        if (slot === undefined || !isObject(slot.value)) break
        const [first] = Object.keys(slot.value)
        if (first === undefined) break
        const value = slot.value
        // Written twice, the second time with another value.
        slot.set(
          new Raw(
            `{${JSON.stringify(first)}:"duplicate",${Object.keys(value)
              .map((key) => `${JSON.stringify(key)}:${serialize(value[key] as JsonTree)}`)
              .join(',')}}`,
          ),
        )
        break
      }
      case 'method':
        if (isObject(root.value)) root.value.method = mutation.name
        break
      case 'content-type':
        contentType = mutation.value ?? undefined
        break
      case 'syntax':
      case 'encoding':
        textMutations.push(mutation)
        break
    }
  }
  let text = serialize(root.value)
  let bytes: Buffer | undefined
  for (const mutation of textMutations) {
    if (mutation.k === 'syntax') {
      const result = applySyntax(text, mutation.variant, mutation.at)
      if (typeof result === 'string') text = result
      else bytes = result
    } else if (mutation.k === 'encoding') {
      const source = bytes ?? Buffer.from(text, 'utf8')
      const decoded = source.toString('utf8')
      bytes =
        mutation.variant === 'utf8-bom'
          ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), source])
          : mutation.variant === 'utf16le-bom'
            ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decoded, 'utf16le')])
            : mutation.variant === 'utf16be'
              ? Buffer.from(decoded, 'utf16le').swap16()
              : Buffer.from(decoded, 'latin1')
    }
  }
  return { bytes: bytes ?? Buffer.from(text, 'utf8'), contentType }
}

function applySyntax(text: string, variant: SyntaxVariant, at: number): string | Buffer {
  const position = Math.floor((at / 10_000) * text.length)
  switch (variant) {
    case 'truncate':
      return text.slice(0, position)
    case 'trailing-comma': {
      const last = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'))
      return last < 0 ? `${text},` : `${text.slice(0, last)},${text.slice(last)}`
    }
    case 'single-quotes':
      return text.replaceAll('"', "'")
    case 'unquoted-keys':
      return text.replace(/"([A-Za-z_]\w*)":/g, '$1:')
    case 'comment':
      return `/* comment */${text}`
    case 'garbage-after':
      return `${text}xyz`
    case 'two-documents':
      return `${text}${text}`
    case 'empty':
      return ''
    case 'whitespace':
      return ' \r\n\t '
    case 'invalid-utf8': {
      const quote = text.indexOf('"', position)
      const cut = quote < 0 ? position : quote + 1
      return Buffer.concat([
        Buffer.from(text.slice(0, cut), 'utf8'),
        Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]),
        Buffer.from(text.slice(cut), 'utf8'),
      ])
    }
    case 'raw-control': {
      const quote = text.indexOf('"', position)
      return quote < 0 ? `${text}\n` : `${text.slice(0, quote + 1)}\t\n\0${text.slice(quote + 1)}`
    }
    case 'bad-escape': {
      const quote = text.indexOf('"', position)
      return quote < 0 ? `${text}"\\x"` : `${text.slice(0, quote + 1)}\\x\\u12${text.slice(quote + 1)}`
    }
    case 'nan':
      return text.replace(/:(-?\d+(\.\d+)?)/, ':NaN')
  }
}

export function describeJsonMutation(mutation: JsonMutation): string {
  const shown = JSON.stringify(mutation, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 40 ? `${value.slice(0, 20)}…(${value.length} chars)` : value,
  )
  return shown
}
