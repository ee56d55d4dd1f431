/**
 * Per-request context carried across awaits (AsyncLocalStorage): the request's AbortSignal, so that
 * the timeout middleware can interrupt the DuckDB queries a runaway request started, wherever they are.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  signal: AbortSignal;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithSignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return storage.run({ signal }, fn);
}

/** The AbortSignal of the request being served, if any. */
export function currentSignal(): AbortSignal | undefined {
  return storage.getStore()?.signal;
}

/** Runs `fn` outside any request context (for work shared by several requests, e.g. caches). */
export function runWithoutSignal<T>(fn: () => Promise<T>): Promise<T> {
  return storage.exit(fn);
}
