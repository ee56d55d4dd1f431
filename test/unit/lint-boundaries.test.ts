/**
 * The import rules of eslint.config.js (layers, route modules, web app) really make `npm run lint`
 * fail: ESLint's Node API lints small in-memory files placed, by their path, where a violation would be.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../core/paths.js';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** Messages of the import rule for a file at `path` (relative to the repository) containing `code`. */
async function importErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('règles d’import (npm run lint)', () => {
  it('un fichier du tableau de bord qui importe un pipeline échoue', async () => {
    const errors = await importErrors(
      'web/src/features/map/probe.ts',
      `import { cafPipeline } from '../../../../pipelines/caf/index';\nexport const p = cafPipeline;\n`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/pipelines/);
  });

  it('le tableau de bord : core/ sans dépendance seulement, le serveur pour les types seulement', async () => {
    const file = 'web/src/components/Probe.tsx';
    expect(
      await importErrors(
        file,
        `import { INDICATORS } from '../../../core/registry';\nexport const x = INDICATORS;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(file, `import { openDb } from '../../../core/db';\nexport const x = openDb;\n`),
    ).toHaveLength(1);
    expect(
      await importErrors(
        file,
        `import { createApp } from '../../../server/app';\nexport const x = createApp;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        file,
        `import type { AppType } from '../../../server/app';\nimport { LEVELS } from '../../../core/levels';\nimport { parseWithin } from '../../../core/within';\nexport type A = AppType;\nexport const x = [LEVELS, parseWithin];\n`,
      ),
    ).toEqual([]);
  });

  it('une fonctionnalité du tableau de bord passe par le point d’entrée d’une autre, jamais par ses fichiers', async () => {
    const file = 'web/src/features/compare/Probe.tsx';
    const inner = `import { parseMapState } from '../map/state';\nexport const x = parseMapState;\n`;
    expect(await importErrors(file, inner)).toHaveLength(1);
    const nested = `import { parseMapState } from '../../map/state';\nexport const x = parseMapState;\n`;
    expect(await importErrors('web/src/features/compare/parts/Probe.tsx', nested)).toHaveLength(1);
    const ok = `import { generateArguments } from '../arguments';\nimport { loadValues } from '../../model/values';\nimport { ExportBar } from '../../components/export';\nexport const x = [generateArguments, loadValues, ExportBar];\n`;
    expect(await importErrors(file, ok)).toEqual([]);
    const shared = `import { MapPage } from '../features/map/MapPage';\nexport const x = MapPage;\n`;
    expect(await importErrors('web/src/model/probe.ts', shared)).toHaveLength(1);
  });

  it('une route qui importe une autre route échoue ; les services et http.ts sont permis', async () => {
    const ok = `import { sourcesById } from '../services/sources.js';\nimport { meta } from '../http.js';\nexport const x = [sourcesById, meta];\n`;
    expect(await importErrors('server/routes/probe.ts', ok)).toEqual([]);
    const sibling = `import { valuesQuery } from './values.js';\nexport const x = valuesQuery;\n`;
    expect(await importErrors('server/routes/probe.ts', sibling)).toHaveLength(1);
    const viaRoutes = `import { valuesQuery } from '../routes/values.js';\nexport const x = valuesQuery;\n`;
    expect(await importErrors('server/routes/probe.ts', viaRoutes)).toHaveLength(1);
  });

  it('une route en dossier importe ses propres fichiers, jamais une route voisine', async () => {
    const path = 'server/routes/probe/index.ts';
    const own = `import { helper } from './helper.js';\nimport { meta } from '../../http.js';\nexport const x = [helper, meta];\n`;
    expect(await importErrors(path, own)).toEqual([]);
    const neighbour = `import { valuesQuery } from '../values.js';\nexport const x = valuesQuery;\n`;
    expect(await importErrors(path, neighbour)).toHaveLength(1);
  });

  it('services et middlewares n’importent pas les routes ; core et pipelines pas le serveur', async () => {
    const route = `import { valuesRoutes } from '../routes/values.js';\nexport const x = valuesRoutes;\n`;
    expect(await importErrors('server/services/probe.ts', route)).toHaveLength(1);
    const server = `import { openStore } from '../server/store.js';\nexport const x = openStore;\n`;
    expect(await importErrors('core/probe.ts', server)).toHaveLength(1);
    expect(await importErrors('pipelines/probe.ts', server)).toHaveLength(1);
  });
});

/** Imports of a source file (static `import … from` and `export … from`), type-only ones marked. */
function importsOf(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(import|export)\s+(type\s)?[^;]*?from\s+'([^']+)'/gms)].map((m) => ({
    spec: m[3]!,
    typeOnly: Boolean(m[2]),
  }));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('modules partagés avec le tableau de bord', () => {
  it('chaque module de core/ que web/src importe est sans dépendance (hors core/ sans dépendance)', () => {
    const used = new Set<string>();
    for (const file of filesUnder(join(ROOT, 'web', 'src')))
      for (const { spec, typeOnly } of importsOf(file)) {
        const m = /(?:^|\/)core\/([a-z-]+)(?:\.js)?$/.exec(spec);
        if (m && !typeOnly) used.add(m[1]!);
      }
    expect(used.size).toBeGreaterThan(0);
    const depsOf = (mod: string) => importsOf(join(ROOT, 'core', `${mod}.ts`)).map((d) => d.spec);
    for (const mod of used)
      for (const dep of depsOf(mod)) {
        const local = /^\.\/([a-z-]+)\.js$/.exec(dep)?.[1];
        expect(local, `core/${mod}.ts importe ${dep}`).toBeDefined();
        expect(depsOf(local!), `core/${mod}.ts importe core/${local}.ts, qui a des dépendances`).toEqual([]);
      }
  });
});
