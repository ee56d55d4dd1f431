/** Helpers for pipeline tests on small synthetic inputs written by the test itself (no mirror). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TerritoryIndex } from '../../pipelines/lib/pipeline.js';
import type { Resource, ResolvedResource } from '../../pipelines/lib/resources.js';

/** A tiny territory index: Paris, Marseille, a few communes of the 92, 13 and 89; 92999 → 92050. */
export function fakeIndex(): TerritoryIndex {
  const c = (departement: string, region: string) => ({
    name: '',
    departement,
    region,
    epci: null,
    ept: null,
  });
  return {
    communes: new Map([
      ['75056', c('75', '11')],
      ['92050', c('92', '11')],
      ['92036', c('92', '11')],
      ['92051', c('92', '11')],
      ['13001', c('13', '93')],
      ['13055', c('13', '93')],
      ['89387', c('89', '27')],
    ]),
    departements: new Map([
      ['75', { name: 'Paris', region: '11' }],
      ['92', { name: 'Hauts-de-Seine', region: '11' }],
      ['13', { name: 'Bouches-du-Rhône', region: '93' }],
      ['89', { name: 'Yonne', region: '27' }],
    ]),
    successor: (code) => (code === '92999' ? '92050' : undefined),
    arrondissementParent: (code) =>
      /^751\d\d$/.test(code) ? '75056' : /^132\d\d$/.test(code) ? '13055' : undefined,
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `content` under `dir` with the resource's file name and returns the resolved resource. */
export function resolvedAt(dir: string, res: Resource, content?: string | Buffer): ResolvedResource {
  const path = join(dir, res.file);
  if (content !== undefined) writeFileSync(path, content);
  return { ...res, path, origin: 'mirror', sha256: 'test', bytes: 0, retrievedAt: '2026-11-27' };
}
