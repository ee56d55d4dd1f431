/**
 * Stops a request after a delay: answers 503 and aborts the request's signal, which interrupts the
 * DuckDB queries it is running (`connection.interrupt()`, see core/db.ts and server/context.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { runWithSignal } from '../../context.js';
import { ApiException } from '../../http.js';

export function timeoutAndInterrupt(ms: number): MiddlewareHandler {
  return async (_c, next) => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new ApiException(503, { code: 'timeout', message: 'La requête a pris trop de temps.' }));
      }, ms);
    });
    try {
      await Promise.race([runWithSignal(controller.signal, () => next()), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
