import { describe, expect, it } from 'vitest'
import { createRenderedAnswers } from './rendered-answers.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('createRenderedAnswers', () => {
  it('keeps nothing rendered across a change, too large, or past its bound', () => {
    const answers = createRenderedAnswers({ maxEntries: 2, maxAnswerBytes: 10 })
    const since = answers.revision
    answers.changed()
    answers.keep('a', 1, since, { status: 200, body: bytes('{}') })
    expect(answers.find('a', 1)).toBeUndefined()
    const now = answers.revision
    answers.keep('big', 1, now, { status: 200, body: bytes('{"x":"123456789"}') })
    expect(answers.find('big', 1)).toBeUndefined()
    answers.keep('a', 1, now, { status: 200, body: bytes('{}') })
    answers.keep('b', 1, now, { status: 200, body: bytes('[]') })
    answers.keep('c', 1, now, { status: 200, body: bytes('1') })
    expect([answers.find('a', 1), answers.find('b', 1), answers.find('c', 1)]).toEqual([
      { status: 200, body: bytes('{}') },
      { status: 200, body: bytes('[]') },
      undefined,
    ])
    expect(answers.find('a', 2)).toBeUndefined()
    answers.keep('c', 2, now, { status: 200, body: bytes('1') })
    expect(answers.find('a', 1)).toBeUndefined()
    expect(answers.find('c', 2)).toEqual({ status: 200, body: bytes('1') })
  })
})

describe('createRenderedAnswers beginChange', () => {
  it('keeps nothing while a change runs, and again once every change begun has ended', () => {
    const answers = createRenderedAnswers()
    const endFirst = answers.beginChange()
    const endSecond = answers.beginChange()
    // Rendered after both began, before either touched the state: not kept.
    answers.keep('a', 1, answers.revision, { status: 200, body: bytes('{}') })
    expect(answers.find('a', 1)).toBeUndefined()
    endFirst()
    endFirst()
    answers.keep('a', 1, answers.revision, { status: 200, body: bytes('{}') })
    expect(answers.find('a', 1)).toBeUndefined()
    const since = answers.revision
    endSecond()
    answers.keep('a', 1, since, { status: 200, body: bytes('{}') })
    expect(answers.find('a', 1)).toBeUndefined()
    answers.keep('a', 1, answers.revision, { status: 200, body: bytes('{}') })
    expect(answers.find('a', 1)).toEqual({ status: 200, body: bytes('{}') })
  })
})

describe('createRenderedAnswers bounds', () => {
  it('counts the key with the bytes: a large key is not kept', () => {
    const answers = createRenderedAnswers({ maxAnswerBytes: 10 })
    answers.keep('k'.repeat(9), 1, answers.revision, { status: 200, body: bytes('{}') })
    expect(answers.find('k'.repeat(9), 1)).toBeUndefined()
    answers.keep('k'.repeat(8), 1, answers.revision, { status: 200, body: bytes('{}') })
    expect(answers.find('k'.repeat(8), 1)).toEqual({ status: 200, body: bytes('{}') })
  })
})
