/**
 * Territory references shared by the explore views: `level:code` strings in addresses, French level
 * names, and lists of territories of a level within a scope (for zoom and filter menus).
 */
import { LEVELS, LEVEL_PLURAL_LABELS, LEVEL_SHORT_LABELS, type Level } from '../../core/levels';
import { client, unwrap, type TerritoryListResponse } from './api';

export const LEVEL_ORDER = LEVELS;
export type LevelId = Level;

/** Level names come from the registry (labelled once). */
export const LEVEL_NAME = LEVEL_SHORT_LABELS;
export const LEVEL_PLURAL = LEVEL_PLURAL_LABELS;

export interface TerritoryRef {
  level: LevelId;
  code: string;
}

const CODE = /^[0-9A-Za-z]{1,9}$/;

/** `commune:92048`, `ept:200057966` or a bare commune code `92048`; null if malformed. */
export function parseRef(text: string): TerritoryRef | null {
  const t = text.trim();
  const m = /^([a-z]+):(.+)$/.exec(t);
  if (m) {
    if (!(LEVEL_ORDER as readonly string[]).includes(m[1]!) || !CODE.test(m[2]!)) return null;
    return { level: m[1] as LevelId, code: m[2]! };
  }
  return CODE.test(t) ? { level: 'commune', code: t } : null;
}

/** Shortest form: bare code for a commune, `level:code` otherwise. */
export function formatRef(r: TerritoryRef): string {
  return r.level === 'commune' ? r.code : `${r.level}:${r.code}`;
}

export function sameRef(a: TerritoryRef, b: TerritoryRef): boolean {
  return a.level === b.level && a.code === b.code;
}

export interface TerritoryItem {
  level: LevelId;
  code: string;
  name: string;
}

const lists = new Map<string, Promise<TerritoryItem[]>>();

/** Territories of a level within a scope (`france`, `region:11`, `departement:92`…), from `/api/territories`. */
export function loadTerritoryList(level: LevelId, within = 'france'): Promise<TerritoryItem[]> {
  const key = `${level}|${within}`;
  let p = lists.get(key);
  if (!p) {
    p = client.api.territories
      .$get({ query: { level, within, limit: '50000' } })
      .then((r) => unwrap<TerritoryListResponse>(r))
      .then((r) =>
        r.data
          .map((x) => ({ level, code: x.code, name: x.name }))
          .sort((a, b) => a.code.localeCompare(b.code)),
      );
    lists.set(key, p);
    p.catch(() => lists.delete(key));
  }
  return p;
}
