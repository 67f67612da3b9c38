/**
 * Polls `f` every 100 ms until it gives a truthy value, and returns that value; throws
 * "timed out waiting for <what>" after `timeoutMs` (the suites' waits on the real extension host).
 */
export async function until<T>(what: string, f: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
