/**
 * Published figures (registry entries `curated`: copied by hand from a report, with their citation) for
 * this territory and the territories it belongs to — e.g. households waiting for a social dwelling in
 * the département. One row per figure, each with its own definition, year and publication; never summed,
 * never compared across publishers.
 */
import { TableWrap } from '../../components/TableWrap';
import { Collapsible } from '../../components/Collapsible';
import type { Fiche, Source } from '../../api';
import { Flags } from '../../components/Flags';
import { themeLabel } from '../../../../core/themes';
import { fillYear, isCurated, valueText, type Obs, type TerritoryRef } from '../../model/fiche';
import { sourceLine } from '../../model/sources';

type Ind = Fiche['indicators'][number];

export interface PublishedRow {
  ind: Ind;
  territory: TerritoryRef;
  obs: Obs;
}

/** Curated values of the fiche's territory, then of its parents, in registry order. */
export function publishedRows(fiche: Fiche): PublishedRow[] {
  const rows: PublishedRow[] = [];
  const curated = fiche.indicators.filter(isCurated);
  for (const ind of curated) {
    if (ind.value && ind.value.value !== null) rows.push({ ind, territory: fiche.territory, obs: ind.value });
  }
  for (const c of fiche.context) {
    for (const ind of curated) {
      const o = (c.values as Record<string, Obs>)[ind.id];
      if (o && o.value !== null) rows.push({ ind, territory: c.territory, obs: o });
    }
  }
  return rows;
}

export function PublishedFigures({ fiche, sources }: { fiche: Fiche; sources: Record<string, Source> }) {
  const rows = publishedRows(fiche);
  if (!rows.length) return null;
  const themes: string[] = [];
  for (const r of rows) if (!themes.includes(r.ind.theme)) themes.push(r.ind.theme);
  return (
    <Collapsible
      id="publies"
      title="Chiffres publiés (hors données ouvertes)"
      className="published print-annex"
    >
      <p className="lead">
        Chiffres recopiés de rapports et d’infographies, avec leur référence : il n’en existe pas de fichier
        ouvert. Chacun garde la définition de sa publication (« citation ») : ne pas les additionner ni les
        comparer entre eux.
      </p>
      {themes.map((theme) => (
        <TableWrap key={theme}>
          <table>
            <caption>{themeLabel(theme)}</caption>
            <thead>
              <tr>
                <th scope="col">Chiffre</th>
                <th scope="col">Territoire</th>
                <th scope="col" className="num">
                  Valeur
                </th>
                <th scope="col">Date</th>
                <th scope="col">Publication</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => r.ind.theme === theme)
                .map((r) => {
                  const src = sources[r.obs.source_id];
                  return (
                    <tr
                      key={`${r.ind.id}-${r.territory.level}-${r.territory.code}`}
                      data-published={r.ind.id}
                    >
                      <th scope="row">
                        {r.ind.short_label} <Flags flags={r.obs.flags.filter((f) => f !== 'curated')} />
                      </th>
                      <td>{r.territory.name}</td>
                      <td className="num value">{valueText(r.ind, r.obs, 'commune')}</td>
                      <td>{fillYear(r.ind.reference, r.obs.year)}</td>
                      <td className="source-cell">
                        {src ? src.producer : 'source inconnue'}
                        <details>
                          <summary>Citation</summary>
                          <p>{sourceLine(src)}</p>
                          {r.obs.note ? <p>{r.obs.note}</p> : null}
                          {(src?.url ?? src?.dataset_url) ? (
                            <p>
                              <a href={(src.url ?? src.dataset_url)!} rel="noreferrer" target="_blank">
                                publication
                              </a>
                            </p>
                          ) : null}
                        </details>
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </TableWrap>
      ))}
    </Collapsible>
  );
}
