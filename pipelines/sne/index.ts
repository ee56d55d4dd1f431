/**
 * Social-housing demand and allocations (SNE). See `OBSERVATOIRE_MIRROR/sne/PROVENANCE.md`: no open
 * file of SNE statistics exists, so this module loads
 * 1. the published figures of the `sne` family from `pipelines/curated/figures.csv` (always; one
 *    `sources` row per citation, observations flagged `curated`, see `lib/curated.ts`);
 * 2. the GIP SNE portal's Excel reports, if any were put in the mirror as `sne/*.xlsx` (optional,
 *    found by `discover`; see `portail.ts`), and the demand/allocation ratio computed from them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { searchKey } from '../../core/text.js';
import { curatedOutput, curatedResource } from '../lib/curated.js';
import { InputError } from '../lib/errors.js';
import { emptyStats, type ObservationRow, type Pipeline, type SourceStats } from '../lib/pipeline.js';
import type { Resource } from '../lib/resources.js';
import { readSneWorkbook } from './portail.js';

export const SNE_CURATED = curatedResource('sne');

/** One optional resource per Excel report found in `<mirror>/sne/` (names are not known in advance). */
export function discoverSneReports(mirror: string | undefined): Resource[] {
  if (!mirror) return [];
  const dir = join(mirror, 'sne');
  if (!existsSync(dir)) return [];
  const used = new Set<string>();
  return readdirSync(dir)
    .filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$'))
    .sort()
    .map((file): Resource => {
      const base = `sne-portail-${
        searchKey(file.replace(/\.xlsx$/i, ''))
          .replace(/ /g, '-')
          .slice(0, 50) || 'rapport'
      }`;
      let id = base;
      for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
      used.add(id);
      return {
        id,
        family: 'sne',
        title: `Statistiques de la demande de logement social (portail du GIP SNE) — ${file}`,
        file,
        kind: 'official',
        vintage: 'années lues dans le classeur (voir les notes)',
        required: false,
        expect: 'xlsx',
        producer: 'GIP SNE — Système national d’enregistrement de la demande de logement social',
        licence: 'non déclarée (rapport Excel du portail ; pas de licence ouverte connue)',
        notes:
          'Rapport Excel du portail statistique déposé dans le miroir ; mise en page reconnue par les libellés.',
      };
    });
}

/** Demandes en cours ÷ attributions where the portal gives both for the same territory and year. */
export function tensionObservations(rows: ObservationRow[]): ObservationRow[] {
  const key = (r: ObservationRow) => `${r.level}|${r.code}|${r.year}`;
  const attributions = new Map(
    rows.filter((r) => r.indicator === 'sne_attributions').map((r) => [key(r), r]),
  );
  const out: ObservationRow[] = [];
  for (const d of rows) {
    if (d.indicator !== 'sne_demandes_en_cours') continue;
    const a = attributions.get(key(d));
    if (!a) continue;
    const ok = d.value !== null && a.value !== null && a.value > 0;
    out.push({
      indicator: 'sne_tension',
      level: d.level,
      code: d.code,
      year: d.year,
      value: ok ? d.value! / a.value! : null,
      numerator: d.value,
      denominator: a.value,
      source_id: d.source_id,
      flags: ok ? [] : ['masked'],
      note: ok
        ? 'Calculé par l’observatoire : demandes en cours au 31/12 ÷ attributions de l’année (rapports SNE).'
        : a.value === 0
          ? 'non calculable : aucune attribution dans l’année'
          : 'non calculable : demandes en cours ou attributions masquées dans le rapport SNE',
    });
  }
  return out;
}

export const snePipeline: Pipeline = {
  family: 'sne',
  resources: [SNE_CURATED],
  discover: discoverSneReports,
  async run(ctx, inputs) {
    const curated = curatedOutput('sne', inputs.get(SNE_CURATED.id)!, ctx.territories);
    const stats: Record<string, SourceStats> = { ...curated.stats };
    const portal: ObservationRow[] = [];
    const seen = new Map<string, string>();
    for (const res of inputs.values()) {
      if (res.id === SNE_CURATED.id) continue;
      const st = (stats[res.id] = emptyStats());
      const { observations, origins } = await readSneWorkbook(
        res.path,
        res.file,
        res.id,
        ctx.territories,
        st,
      );
      observations.forEach((o, i) => {
        const k = `${o.indicator}|${o.level}|${o.code}|${o.year}`;
        const where = `${origins[i]!.file}, ligne ${origins[i]!.line}`;
        const first = seen.get(k);
        if (first)
          throw new InputError(
            origins[i]!,
            `${o.indicator} ${o.level} ${o.code} ${o.year} déjà lu (${first}) : deux rapports pour le même territoire et la même année`,
          );
        seen.set(k, where);
      });
      portal.push(...observations);
    }
    return {
      observations: [...curated.observations, ...portal, ...tensionObservations(portal)],
      sources: curated.sources,
      stats,
    };
  },
};
