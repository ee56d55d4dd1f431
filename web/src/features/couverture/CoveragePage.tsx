/**
 * `/couverture?indicateur=sru_taux&annee=2024`: which communes and départements an indicator covers in
 * a year — the map's one-line coverage, département by département: communes with a value, communes
 * the source lists without a value, communes without any row.
 */
import { useEffect } from 'react';
import { IndicatorSelect, YearSelect } from '../../components/IndicatorSelect';
import { TableWrap } from '../../components/TableWrap';
import { formatNumber } from '../../format';
import { coverageOf, coverageText } from '../../model/coverage';
import { loadValues } from '../../model/values';
import { useRegistry } from '../../registry';
import { Link, setQuery } from '../../router';
import { useAsync } from '../../useAsync';

export function CoveragePage({ search }: { search: URLSearchParams }) {
  const { indicators } = useRegistry();
  const indicator = search.get('indicateur') ?? 'sru_taux';
  const year = /^\d{4}$/.test(search.get('annee') ?? '') ? search.get('annee')! : 'latest';
  const info = indicators.find((i) => i.id === indicator);
  const state = useAsync(
    () =>
      info?.levels.includes('commune')
        ? loadValues({ indicator, within: 'france', year })
        : Promise.resolve(null),
    [indicator, year, info?.id],
  );
  useEffect(() => {
    document.title = 'Couverture des données — Observatoire précarité & logement';
  }, []);
  const data = state.status === 'ok' ? state.data : null;
  const cov = data ? coverageOf(data.data) : null;
  return (
    <section className="coverage-page wide">
      <h1>Couverture des données par département</h1>
      <p className="lead">
        Pour un indicateur et une année : combien de communes ont une valeur, et dans quels départements la
        source en donne. Une commune peut aussi figurer dans la source sans valeur (chiffre non diffusé, non
        inventoriée…).
      </p>
      <div className="controls" role="group" aria-label="Indicateur et année">
        <IndicatorSelect value={indicator} onChange={(id) => setQuery({ indicateur: id, annee: null })} />
        <YearSelect
          value={year}
          years={data?.meta.years ?? info?.years ?? []}
          onChange={(y) => setQuery({ annee: y === 'latest' ? null : y })}
        />
      </div>
      {!info?.levels.includes('commune') && (
        <p className="notice">Cet indicateur n’a pas de valeur par commune.</p>
      )}
      {state.status === 'loading' && <p aria-busy="true">Chargement…</p>}
      {state.status === 'error' && <p role="alert">{state.error.message}</p>}
      {data && cov && (
        <>
          <p className="coverage-summary" data-values={cov.values}>
            <strong>{data.meta.indicator.short_label}</strong>, {data.meta.year ?? ''} : {coverageText(cov)}{' '}
            <Link
              href={`/carte?indicateur=${indicator}&perimetre=france${data.meta.year ? `&annee=${data.meta.year}` : ''}`}
            >
              Voir la carte
            </Link>
          </p>
          <TableWrap>
            <table className="coverage-table">
              <caption>
                Communes de chaque département selon la source ({data.meta.indicator.short_label},{' '}
                {data.meta.year ?? ''})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Département</th>
                  <th scope="col" className="num">
                    Communes
                  </th>
                  <th scope="col" className="num">
                    avec une valeur
                  </th>
                  <th scope="col" className="num">
                    dans la source, sans valeur
                  </th>
                  <th scope="col" className="num">
                    absentes de la source
                  </th>
                </tr>
              </thead>
              <tbody>
                {cov.departements.map((d) => (
                  <tr key={d.code} data-departement={d.code} data-values={d.values}>
                    <th scope="row">
                      {d.name} ({d.code})
                    </th>
                    <td className="num">{formatNumber(d.communes)}</td>
                    <td className="num">{formatNumber(d.values)}</td>
                    <td className="num">{formatNumber(d.listed)}</td>
                    <td className="num">{formatNumber(d.communes - d.values - d.listed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}
