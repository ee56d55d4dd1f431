/**
 * A territory's fiche: every indicator with its value, year, quality flags, definition and source,
 * and the same figures for its parents (EPT, EPCI, département, région, France) for context.
 */
import { useEffect } from 'react';
import { client, unwrap, type FicheIndicator, type FicheResponse, type Latest } from '../../api';
import { Flags } from '../../components/Flags';
import { SourceLine } from '../../components/SourceLine';
import { formatNumber, formatValue } from '../../format';
import { Link, navigate } from '../../router';
import { useAsync } from '../../useAsync';

const LEVEL_NAMES: Record<string, string> = {
  commune: 'Commune',
  ept: 'Établissement public territorial',
  epci: 'Intercommunalité (EPCI)',
  departement: 'Département',
  region: 'Région',
  france: 'France',
};

function valueText(ind: FicheIndicator, v: Latest | null | undefined, level: string): string {
  if (!v || v.value === null) return 'non disponible';
  if (ind.unit === 'booleen' && level !== 'commune') {
    return `${formatNumber(v.value)} ${ind.aggregate_unit_label ?? ''}`.trim();
  }
  return formatValue(v.value, ind.unit, ind.decimals);
}

function unitText(ind: FicheIndicator): string {
  return ind.unit === 'pct' || ind.unit === 'booleen' || ind.unit.startsWith('euros') ? '' : ind.unit_symbol;
}

export function FichePage({ level, code }: { level: string; code: string }) {
  const state = useAsync(
    () =>
      client.api.territories[':level'][':code']
        .$get({ param: { level: level as never, code } })
        .then((r) => unwrap<FicheResponse>(r)),
    [level, code],
  );
  useEffect(() => {
    if (state.status === 'ok') {
      const t = state.data.data.territory;
      document.title = `${t.name} — Observatoire précarité & logement`;
      if (state.data.meta.resolved_from) navigate(`/${t.level}/${t.code}`, { replace: true });
    }
  }, [state]);

  if (state.status === 'loading') return <p aria-busy="true">Chargement de la fiche…</p>;
  if (state.status === 'error') return <p role="alert">{state.error.message}</p>;
  const { territory: t, parents, indicators, context } = state.data.data;
  const sources = state.data.meta.sources;
  const shown = indicators.filter((i) => i.value);

  return (
    <article className="fiche">
      <header>
        <p className="kicker">
          {LEVEL_NAMES[t.level]} · code {t.code}
        </p>
        <h1>{t.name}</h1>
        {state.data.meta.resolved_from && (
          <p className="notice">
            Le code {state.data.meta.resolved_from} a été remplacé par {t.code} (code officiel géographique
            2025).
          </p>
        )}
        {parents.length > 0 && (
          <p className="parents">
            Appartient à :{' '}
            {parents.map((p, i) => (
              <span key={`${p.level}-${p.code}`}>
                {i > 0 ? ' · ' : ''}
                {p.level === 'france' ? 'France' : <Link href={`/${p.level}/${p.code}`}>{p.name}</Link>}
              </span>
            ))}
          </p>
        )}
      </header>

      <section aria-labelledby="chiffres">
        <h2 id="chiffres">Chiffres clés</h2>
        <div className="cards">
          {shown.map((ind) => {
            const v = ind.value!;
            return (
              <div className="card" key={ind.id} data-indicator={ind.id}>
                <h3>{ind.label}</h3>
                <p className="big">
                  <span className="value">{valueText(ind, v, t.level)}</span>{' '}
                  <span className="unit">{unitText(ind)}</span>
                </p>
                <p className="ref">
                  {ind.reference_text}
                  {v.last_year > v.year
                    ? ` — valeur ${v.last_year} non disponible (${v.last_note ?? 'absente de la source'})`
                    : ''}
                </p>
                {v.value === null && v.note ? <p className="muted">{v.note}</p> : null}
                {v.value !== null && v.note ? <p className="muted">{v.note}</p> : null}
                <Flags flags={v.flags} />
                <details>
                  <summary>Définition et précautions</summary>
                  <p>{ind.definition_text}</p>
                  {ind.caveats.length > 0 && (
                    <ul>
                      {ind.caveats.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  )}
                </details>
                <SourceLine source={sources[v.source_id]} />
              </div>
            );
          })}
        </div>
        {shown.length === 0 && <p>Aucune donnée chargée pour ce territoire.</p>}
      </section>

      {context.length > 0 && (
        <section aria-labelledby="contexte">
          <h2 id="contexte">Comparaison avec les territoires d’appartenance</h2>
          <div className="table-wrap">
            <table className="compare">
              <caption>
                Dernière valeur disponible de chaque indicateur ; l’année figure entre parenthèses quand elle
                diffère.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Indicateur</th>
                  <th scope="col">{t.name}</th>
                  {context.map((c) => (
                    <th scope="col" key={`${c.territory.level}-${c.territory.code}`}>
                      {c.territory.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((ind) => (
                  <tr key={ind.id}>
                    <th scope="row">{ind.short_label}</th>
                    <td className="num">{valueText(ind, ind.value, t.level)}</td>
                    {context.map((c) => {
                      const v = (c.values as Record<string, Latest>)[ind.id];
                      return (
                        <td
                          className="num"
                          key={`${c.territory.level}-${c.territory.code}`}
                          title={v?.note ?? undefined}
                        >
                          {valueText(ind, v, c.territory.level)}
                          {v && v.value !== null && ind.value && v.year !== ind.value.year
                            ? ` (${v.year})`
                            : ''}
                          {v?.flags.includes('partial') ? ' *' : ''}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">
            * couverture partielle : l’agrégat ne porte que sur les communes renseignées (détail au survol).
            Les agrégats sont calculés en sommant numérateurs et dénominateurs, jamais en faisant la moyenne
            des taux.
          </p>
        </section>
      )}
    </article>
  );
}
