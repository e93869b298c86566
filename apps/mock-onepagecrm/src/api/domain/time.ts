/** `created_at` / `modified_at`: ISO 8601 UTC to the second (`2018-05-16T11:52:09Z`). */
export const isoSeconds = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`

/** `date`: `YYYY-MM-DD` (UTC). */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10)

export const unixSeconds = (date: Date): number => Math.floor(date.getTime() / 1000)
