/**
 * One JSON envelope for the whole API: `{ data, meta }` on success, `{ error: { code, message, valid? } }`
 * on failure. Validation goes through zod (`validate`), errors through HTTPException and one onError.
 */
import type { Context, ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { zValidator } from '@hono/zod-validator';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z, type ZodType } from 'zod';
import { QueryInterrupted } from '../core/db.js';
import { INDICATOR_IDS, LEVELS, type Level } from '../core/registry.js';
import { WITHIN_PATTERN, WITHIN_SYNTAX } from '../core/within.js';
import type { Store } from './store.js';

/** Version of the API contract (OpenAPI `info.version`, part of every ETag). Bump on a change. */
export const API_VERSION = '1.1.0';

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

function invalid(error: { issues: z.core.$ZodIssue[] }): ApiException {
  const issue = error.issues[0]!;
  const field = issue.path.join('.');
  const valid = choicesOf(issue as unknown as { code: string; values?: unknown[] });
  return badRequest(`Paramètre « ${field} » invalide : ${issue.message}`, field, valid);
}

/** zod validator whose failures become 400 envelopes naming the parameter and its valid values. */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw invalid(result.error);
  });
}

/**
 * Same validation inside a handler, for routes whose only query parameters are optional (format):
 * a `validate('query')` middleware would make the typed client require an argument there.
 */
export function parseQuery<T extends ZodType>(c: Context, schema: T): z.output<T> {
  const raw = Object.fromEntries(
    Object.entries(c.req.queries()).map(([k, v]) => (v.length === 1 ? [k, v[0]] : [k, v])),
  );
  const result = schema.safeParse(raw);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

export interface BaseMeta {
  build_id: string;
  built_at: string;
}

export function meta<T extends object = Record<never, never>>(store: Store, extra?: T): BaseMeta & T {
  return { build_id: store.buildId(), built_at: store.builtAt(), ...(extra as T) };
}

export function errorResponse(err: unknown, c: Context): Response {
  c.header('Cache-Control', 'no-store');
  if (err instanceof ApiException) return c.json({ error: err.body }, err.status);
  if (err instanceof QueryInterrupted)
    return c.json({ error: { code: 'timeout', message: 'La requête a pris trop de temps.' } }, 503);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 408 || status === 503
          ? 'timeout'
          : status === 405
            ? 'method_not_allowed'
            : 'http_error';
    return c.json({ error: { code, message: err.message || 'Requête refusée' } }, status);
  }
  console.error(JSON.stringify({ level: 'error', msg: (err as Error)?.message ?? String(err) }));
  return c.json({ error: { code: 'internal_error', message: 'Erreur interne du serveur.' } }, 500);
}

export const CODE_RE = /^[0-9A-Za-z]{1,9}$/;
const TERRITORY_REF_RE = new RegExp(`^((${LEVELS.join('|')}):)?[0-9A-Za-z]{1,9}$`);

/**
 * A list of territory codes given as repeated parameters (`code=92048&code=92050`) or comma-separated
 * (`code=92048,92050`); each may carry its level (`code=departement:92`).
 */
export function codeList(min: number, max: number) {
  return z
    .union([z.string().max(200), z.array(z.string().max(200)).max(max)])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((x) => x.split(','))
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.string().regex(TERRITORY_REF_RE, 'code INSEE, SIREN ou T1–T12, éventuellement « niveau:code »'),
        )
        .min(min, `${min} code(s) au moins`)
        .max(max, `${max} codes au plus`),
    )
    .describe(
      `${min} à ${max} codes (paramètre répété ou séparés par des virgules) ; « niveau:code » pour mêler les niveaux (departement:92)`,
    );
}

/** `92048` → the default level; `departement:92` → that level. */
export function parseRef(ref: string, defaultLevel: Level): { level: Level; code: string } {
  const i = ref.indexOf(':');
  if (i < 0) return { level: defaultLevel, code: ref };
  return { level: ref.slice(0, i) as Level, code: ref.slice(i + 1) };
}

/** A scope in the syntax of core/within.ts (parsed with `parseWithin` once validated). */
export const withinParam = z
  .string()
  .max(40)
  .regex(WITHIN_PATTERN, WITHIN_SYNTAX)
  .default('france')
  .describe(`périmètre : ${WITHIN_SYNTAX}`);

export const indicatorParam = z
  .enum(INDICATOR_IDS as [string, ...string[]])
  .describe('identifiant de l’indicateur (voir /api/indicators)');

export const yearParam = z
  .string()
  .regex(/^(latest|\d{4})$/, '« latest » ou une année sur 4 chiffres')
  .default('latest')
  .describe('année (4 chiffres) ou latest : la plus récente ayant au moins une valeur dans le périmètre');
