/**
 * The workshop pack's demand table (`/atelier/ept/:code`): for every commune of the EPT, the demands
 * that name it first, the allocations of the year, demands per allocation and the median delay (DRIHL
 * socle, same year), then the EPT's own line (sums computed by the observatory, ratio from the sums).
 * Nothing is shown outside Île-de-France. On paper only the table is printed (compact), its source
 * being in the pack's list of sources.
 */
import type { Fiche, Source, ValuesResponse } from '../../api';
import { SourceLine } from '../../components/SourceLine';
import { formatNumber } from '../../format';
import { Link } from '../../router';
import { loadValues } from '../../model/values';
import { useAsync } from '../../useAsync';
import { ATELIER_DEMAND_IDS, demandSummary } from './model';
import './demande.css';

const HEADS: Record<string, string> = {
  sne_demandes_choix1: 'Demandes (1er choix)',
  sne_attributions: 'Attributions',
  sne_demandes_par_attribution: 'Demandes pour une attribution',
  sne_delai_median_mois: 'Délai médian (mois)',
};

/** On paper, where the caption spells them out. */
const SHORT: Record<string, string> = {
  sne_demandes_choix1: 'Demandes',
  sne_attributions: 'Attrib.',
  sne_demandes_par_attribution: 'Dem./attrib.',
  sne_delai_median_mois: 'Délai (mois)',
};

type Row = ValuesResponse['data'][number];

function cell(r: Pick<Row, 'value' | 'flags'> | undefined, decimals: number): string {
  if (!r) return 'non publié';
  if (r.value === null) return r.flags.includes('masked') ? 'masqué' : 'non calculable';
  return formatNumber(r.value, decimals);
}

type Own = ReturnType<typeof ownValue>;
function ownValue(fiche: Fiche, id: string) {
  return fiche.indicators.find((i) => i.id === id)?.value ?? undefined;
}

function DemandTable({
  rows,
  code,
  caption,
  byCode,
  decimals,
  total,
  attrs,
  short,
}: {
  rows: Row[];
  code: string;
  caption?: string;
  byCode: Map<string, Row>[];
  decimals: number[];
  total?: { name: string; own: Own[] };
  attrs?: Record<string, string>;
  short?: boolean;
}) {
  return (
    <table className={`demand-communes${rows.length > 14 ? ' dense' : ''}`} {...attrs}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">Commune</th>
          {ATELIER_DEMAND_IDS.map((id) => (
            <th scope="col" className="num" key={id}>
              {(short ? SHORT : HEADS)[id]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} data-code={r.code}>
            <th scope="row">
              <Link href={`/commune/${r.code}`}>{r.name}</Link>
            </th>
            {ATELIER_DEMAND_IDS.map((id, i) => {
              const v = byCode[i]!.get(r.code);
              return (
                <td className="num" key={id} title={v?.value === null ? (v.note ?? undefined) : undefined}>
                  {cell(v, decimals[i]!)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {total && (
        <tfoot>
          <tr data-code={code}>
            <th scope="row">{total.name}</th>
            {ATELIER_DEMAND_IDS.map((id, i) => (
              <td className="num" key={id} title={total.own[i]?.note ?? undefined}>
                {cell(total.own[i], decimals[i]!)}
                {total.own[i]?.flags.includes('partial') ? ' *' : ''}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}

export function DemandAtelierTable({ fiche }: { fiche: Fiche }) {
  const code = fiche.territory.code;
  const summary = demandSummary(fiche);
  const covered = summary !== null;
  const state = useAsync(
    () =>
      covered
        ? Promise.all(ATELIER_DEMAND_IDS.map((id) => loadValues({ indicator: id, within: `ept:${code}` })))
        : Promise.resolve(null),
    [code, covered],
  );
  if (!summary || state.status === 'error') return null;
  if (state.status === 'loading' || !state.data) return <p aria-busy="true">Chargement de la demande…</p>;
  const tables = state.data;
  const decimals = tables.map((t) => t.meta.indicator.decimals);
  const byCode = tables.map((t) => new Map(t.data.map((r) => [r.code, r])));
  const communes = [...tables[0]!.data].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const own = ATELIER_DEMAND_IDS.map((id) => ownValue(fiche, id));
  const sources = new Map<string, Source>();
  for (const t of tables) for (const [id, s] of Object.entries(t.meta.sources)) sources.set(id, s as Source);
  const partial = own.some((o) => o?.flags.includes('partial'));
  const half = Math.ceil(communes.length / 2);
  const total = { name: `EPT ${fiche.territory.name}`, own };
  const caption = `Demandes visant la commune en premier choix au 31 décembre ${tables[0]!.meta.year}, attributions ${tables[1]!.meta.year} (DRIHL) ; « masqué » : moins de 10 (secret statistique).`;
  return (
    <section aria-labelledby="atelier-demande" className="atelier-section atelier-demande">
      <h2 id="atelier-demande">Demande de logement social par commune</h2>
      <p className="demand-sentence">{summary.sentence}</p>
      <div className="table-wrap demand-screen">
        <DemandTable
          rows={communes}
          code={code}
          caption={caption}
          byCode={byCode}
          decimals={decimals}
          total={total}
          attrs={{ 'data-demand-table': code }}
        />
      </div>
      {/* On paper: the same rows in two halves side by side, so that the pack keeps to two pages. */}
      <p className="muted demand-print-caption">
        Demandes visant la commune en premier choix au 31/12/{tables[0]!.meta.year}, attributions{' '}
        {tables[1]!.meta.year}, demandes pour une attribution (un rapport, pas une durée), délai médian
        d’attribution (DRIHL) ; masqué : moins de 10.
      </p>
      <div className="demand-print" aria-hidden="true">
        <DemandTable rows={communes.slice(0, half)} code={code} byCode={byCode} decimals={decimals} short />
        <DemandTable
          rows={communes.slice(half)}
          code={code}
          byCode={byCode}
          decimals={decimals}
          total={total}
          short
        />
      </div>
      <p className="muted note">
        Ligne de l’EPT : sommes des communes calculées par l’observatoire, rapport recalculé sur ces sommes ;
        délai médian non publié pour l’EPT.
        {partial ? ' * somme partielle : des communes masquées manquent (nommées au survol).' : ''} Le rapport
        demandes pour une attribution n’est pas une durée d’attente.
      </p>
      {[...sources.values()].map((s) => (
        <SourceLine key={`${s.producer}-${s.title}`} source={s} />
      ))}
    </section>
  );
}
