/**
 * JSON inputs: checked as UTF-8, parsed, then validated with a zod schema. Failures are InputErrors
 * naming the file, the line (for syntax errors, e.g. a truncated file) or the path of the bad value.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { decodeText } from './csv.js';
import { InputError } from './errors.js';

export function readJsonText(path: string, file: string): string {
  return decodeText(readFileSync(path), file, 'utf-8').text;
}

export function parseJson<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : text.split('\n').length;
    throw new InputError({ file, line }, `JSON illisible, fichier tronqué ou mal formé (${msg})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(
      { file, column: issue.path.join('.') || '(racine)' },
      `structure inattendue (${issue.message})`,
    );
  }
  return parsed.data;
}
