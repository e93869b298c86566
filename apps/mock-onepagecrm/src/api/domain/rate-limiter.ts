/** Decides, per client, whether one more request is allowed now. */
export interface RateLimiter {
  allow(client: string, now: Date): boolean
}

/**
 * OnePageCRM's throttle: improved-rack-throttle's SlidingWindow, a leaky bucket of `burst` requests that
 * drains `average` per second, per client IP (the vendor runs it with burst 10, average 5:
 * https://developer.onepagecrm.com/blog/api-rate-limit/). As in the gem, a refused request still fills the
 * bucket, and the bucket is full at exactly `burst`, so a fresh client gets `burst - 1` requests in a row.
 */
export function createSlidingWindowLimiter(options: { burst: number; average: number }): RateLimiter {
  const buckets = new Map<string, { count: number; touched: number }>()
  return {
    allow(client, now) {
      const time = now.getTime()
      const bucket = buckets.get(client) ?? { count: 0, touched: time }
      const loss = (options.average * (time - bucket.touched)) / 1000
      if (loss > 0) {
        bucket.count -= loss
        bucket.touched = time
      }
      bucket.count = Math.min(options.burst, Math.max(0, bucket.count) + 1)
      buckets.set(client, bucket)
      // Forget drained buckets now and then, so the map stays as small as the set of active clients.
      if (buckets.size > 1024) {
        for (const [key, entry] of buckets) {
          if (entry.count - (options.average * (time - entry.touched)) / 1000 <= 0) buckets.delete(key)
        }
      }
      return bucket.count !== options.burst
    },
  }
}
