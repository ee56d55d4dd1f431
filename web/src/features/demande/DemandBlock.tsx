/**
 * « Demande de logement social » on a fiche (Île-de-France, DRIHL socle): the sentence to quote, the
 * figures of the territory next to its EPT, département and région for the same year, the earlier
 * points of the same series (the DRIHL's 2023 published figures for the Hauts-de-Seine), the definitions
 * and the source. Shown in place of the individual cards of these indicators.
 */
import type { Fiche, Source } from '../../api';
import { Flags } from '../../components/Flags';
import { SourceLine } from '../../components/SourceLine';
import { formatNumber } from '../../format';
import { loadSeries } from '../../model/fiche-data';
import type { LevelId } from '../../territories';
import { useAsync } from '../../useAsync';
import { Definition, type RankInfo } from '../fiche/KeyFigures';
import { cellText, demandSummary, type DemandSummary } from './model';
import './demande.css';

type Ind = Fiche['indicators'][number];

const UNIT_TEXT: Record<string, string> = {
  sne_demandes_choix1: 'demandes au 31 décembre',
  sne_attributions: 'attributions dans l’année',
  sne_delai_median_mois: 'mois',
  sne_part_anciennete_5ans: '%',
};

function columnName(t: DemandSummary['columns'][number]): string {
  if (t.level === 'ept') return `EPT ${t.name}`;
  if (t.level === 'epci') return t.name;
  if (t.level === 'departement') return `${t.name} (${t.code})`;
  return t.name;
}

/** Earlier points of the series that carry published figures (e.g. the 92's 2023 DRIHL infographic). */
function History({
  ind,
  level,
  code,
  sources,
}: {
  ind: Ind;
  level: LevelId;
  code: string;
  sources: Record<string, Source>;
}) {
  const state = useAsync(() => loadSeries(ind.id, level, code), [ind.id, level, code]);
  if (state.status !== 'ok') return null;
  const pts = state.data.points.filter((p) => p.value !== null);
  if (pts.length < 2) return null;
  return (
    <li data-history={ind.id}>
      {ind.short_label} :{' '}
      {pts.map((p, i) => (
        <span key={p.year}>
          {i > 0 ? ' ; ' : ''}
          {formatNumber(p.value!, ind.decimals)} en {p.year}
          {p.flags?.includes('curated')
            ? ` (chiffre publié : ${sources[p.source_id]?.producer ?? 'publication'})`
            : ''}
        </span>
      ))}
    </li>
  );
}

export function DemandBlock({
  fiche,
  sources,
  rank,
}: {
  fiche: Fiche;
  sources: Record<string, Source>;
  rank?: RankInfo[];
}) {
  const s = demandSummary(fiche);
  if (!s) return null;
  const t = fiche.territory;
  const partial = s.rows.some((r) => r.cells.some((c) => c.obs?.flags.includes('partial')));
  const withHistory = s.rows.filter((r) => (r.ind.years?.length ?? 0) > 1).map((r) => r.ind as Ind);
  const ranks = (rank ?? []).filter((r) => r.of >= 3);
  return (
    <div className="card demand-block" data-demand-block={t.code} id="demande-logement-social">
      <h4>Demande de logement social</h4>
      <p className="demand-sentence">{s.sentence}</p>
      {ranks.length > 0 && (
        <p className="rank">
          Demandes pour une attribution, rang (1 = le plus de demandes pour une attribution, {ranks[0]!.year})
          :{' '}
          {ranks
            .map(
              (r) =>
                `${r.rank === 1 ? '1re' : `${r.rank}e`} sur ${r.of} communes ${r.within.level === 'ept' ? `de l’EPT ${r.within.name}` : `du département ${r.within.name}`}`,
            )
            .join(' ; ')}
        </p>
      )}
      <div className="table-wrap">
        <table className="demand-table">
          <caption>
            Demandes au 31 décembre {s.year} et attributions de l’année {s.year} ; territoires de comparaison,
            même année.
          </caption>
          <thead>
            <tr>
              <th scope="col">Indicateur</th>
              {s.columns.map((c) => (
                <th scope="col" className="num" key={`${c.level}-${c.code}`}>
                  {columnName(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.rows.map((r) => (
              <tr key={r.ind.id} data-indicator={r.ind.id}>
                <th scope="row">
                  {r.ind.short_label}{' '}
                  {UNIT_TEXT[r.ind.id] && <span className="muted">({UNIT_TEXT[r.ind.id]}) </span>}
                  <Definition ind={r.ind as Ind} />
                  {r.cells[0]?.obs && (
                    <Flags flags={r.cells[0].obs.flags.filter((f) => f !== 'masked' && f !== 'derived')} />
                  )}
                </th>
                {r.cells.map((c) => (
                  <td
                    className="num"
                    key={`${c.territory.level}-${c.territory.code}`}
                    data-level={c.territory.level}
                    title={c.obs?.note ?? (c.obs ? undefined : 'non publié par la DRIHL à ce niveau')}
                  >
                    {cellText(r.ind, c)}
                    {c.obs && c.obs.value !== null && !c.sameYear ? ` (${c.obs.year})` : ''}
                    {c.obs?.flags.includes('partial') ? ' *' : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted note">
        {partial
          ? '* somme partielle : des communes masquées par la DRIHL (moins de 10) manquent à la somme ; elles sont nommées au survol. '
          : ''}
        « masqué » : moins de 10 demandes ou attributions (secret statistique) ; « non publié » : la DRIHL ne
        publie pas ce chiffre pour les EPT et EPCI (une médiane ou une part ne s’additionnent pas) ; les
        sommes des EPT et EPCI sont calculées par l’observatoire.
      </p>
      {withHistory.length > 0 && (
        <ul className="demand-history">
          {withHistory.map((ind) => (
            <History key={ind.id} ind={ind} level={t.level as LevelId} code={t.code} sources={sources} />
          ))}
        </ul>
      )}
      <details className="demand-definitions">
        <summary>Définitions et précautions</summary>
        <ul>
          <li>
            Une demande peut viser plusieurs communes : elle n’est comptée qu’une fois, dans la commune de son
            premier choix.
          </li>
          <li>
            « Demandes pour une attribution » est un rapport, pas une durée d’attente : la durée, c’est le
            délai médian d’attribution (la moitié des ménages logés dans l’année ont attendu plus longtemps).
          </li>
          <li>
            Les attributions sont celles enregistrées dans le SNE : elles ne se comparent ni au parc social
            RPLS ni à l’inventaire SRU.
          </li>
          <li>
            Paris : la commune porte les valeurs de l’ensemble de Paris ; les arrondissements ne lui sont
            jamais additionnés.
          </li>
        </ul>
      </details>
      {s.sourceIds.map((id) => (
        <SourceLine key={id} source={sources[id]} />
      ))}
    </div>
  );
}
