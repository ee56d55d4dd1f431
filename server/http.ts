/**
 * One JSON envelope for the whole API: `{ data, meta }` on success, `{ error: { code, message, valid? } }`
 * on failure. Validation goes through zod (`validate`), errors through HTTPException and one onError.
 */
import type { Context, ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { zValidator } from '@hono/zod-validator';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodType } from 'zod';
import type { Store } from './store.js';

export interface ApiError {
  code: string;
  message: string;
  valid?: string[];
  field?: string;
}

export class ApiException extends HTTPException {
  readonly body: ApiError;
  constructor(status: ContentfulStatusCode, body: ApiError) {
    super(status, { message: body.message });
    this.body = body;
  }
}

export function notFound(message: string, valid?: string[]): ApiException {
  return new ApiException(404, { code: 'not_found', message, valid });
}

export function badRequest(message: string, field?: string, valid?: string[]): ApiException {
  return new ApiException(400, { code: 'invalid_parameter', message, field, valid });
}

/** Valid choices a zod issue knows about (enum values), for the error body. */
function choicesOf(issue: { code: string; values?: unknown[] }): string[] | undefined {
  if (issue.code === 'invalid_value' && Array.isArray(issue.values)) return issue.values.map(String);
  return undefined;
}

/** zod validator whose failures become 400 envelopes naming the parameter and its valid values. */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const field = issue.path.join('.');
      const valid = choicesOf(issue as unknown as { code: string; values?: unknown[] });
      throw badRequest(`Paramètre « ${field} » invalide : ${issue.message}`, field, valid);
    }
  });
}

export interface BaseMeta {
  build_id: string;
  built_at: string;
}

export function meta<T extends object = Record<never, never>>(store: Store, extra?: T): BaseMeta & T {
  return { build_id: store.buildId(), built_at: store.builtAt(), ...(extra as T) };
}

export function errorResponse(err: unknown, c: Context): Response {
  if (err instanceof ApiException) return c.json({ error: err.body }, err.status);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 408 ? 'timeout' : 'http_error';
    return c.json({ error: { code, message: err.message || 'Requête refusée' } }, status);
  }
  console.error(JSON.stringify({ level: 'error', msg: (err as Error)?.message ?? String(err) }));
  return c.json({ error: { code: 'internal_error', message: 'Erreur interne du serveur.' } }, 500);
}
