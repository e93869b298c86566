import { CrmkitError } from './crmkit-error.js'

/** An option given to a client or a call is missing or wrong; the message names it and the fix. */
export class InvalidOptionsError extends CrmkitError {
  static override readonly brand: string = 'InvalidOptionsError'
  readonly option: string

  constructor(option: string, message: string) {
    super('CRMKIT_INVALID_OPTIONS', `${option}: ${message}`)
    this.option = option
  }
}

/** A file cannot be read or is not what it claims (a stream longer or shorter than its `size`). */
export class InvalidFileError extends CrmkitError {
  static override readonly brand: string = 'InvalidFileError'
  readonly fileName: string

  constructor(fileName: string, message: string, cause?: unknown) {
    super('CRMKIT_INVALID_FILE', `${fileName}: ${message}`, { cause })
    this.fileName = fileName
  }
}
