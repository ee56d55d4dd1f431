/**
 * « Loi SRU : la trajectoire du mandat » on a commune's fiche: the legal catch-up objective of each
 * triennial period, the pace needed by 2032 and the pace observed, the trajectory chart with its data
 * table, and the assumptions written out. Nothing is shown for a commune outside the SRU inventory.
 */
import { useEffect, useMemo, useRef } from 'react';
import { apiUrl } from '../../api';
import { sruPathChart, sruPathTable } from '../../charts/sru-path';
import { ExportBar } from '../../components/export';
import { formatNumber } from '../../format';
import { Link } from '../../router';
import { useAsync } from '../../useAsync';
import { loadSruPath, type SruPath, type SruPeriod } from './data';
import { periodLabel, rangeText, summarySentences } from './text';
import './sru-path.css';

const PHASE: Record<string, string> = {
  terminee: 'terminée',
  en_cours: 'en cours',
  a_venir: 'à venir',
};

function objectiveCell(p: SruPeriod): string {
  switch (p.status) {
    case 'exemptee':
      return 'exemptée : pas d’objectif';
    case 'taux_atteint':
      return 'taux légal atteint : pas d’objectif';
    case 'non_calculable':
      return 'non calculable';
    default:
      return p.objective
        ? `${p.status === 'projection' ? 'projection : ' : ''}${rangeText(p.objective)}`
        : '—';
  }
}

function basisCell(p: SruPeriod): string {
  const b = p.basis;
  if (b.year === null) return b.note ?? '—';
  const parts = [`1er janvier ${b.year}`];
  if (b.rate !== null) parts.push(`taux ${formatNumber(b.rate, 2)} %`);
  if (b.missing) parts.push(`${rangeText(b.missing)} manquants`);
  return parts.join(' ; ') + (b.note ? ` (${b.note})` : '');
}

const dwellingsFormat = (v: number) => formatNumber(Math.round(v));

function Chart({ path, name }: { path: SruPath; name: string }) {
  const holder = useRef<HTMLDivElement>(null);
  const title = `Logements sociaux SRU à ${name} par inventaire et trajectoire vers le taux légal en 2032`;
  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const width = Math.min(720, Math.max(300, el.clientWidth || 640));
    el.replaceChildren(
      sruPathChart(path.trajectory, {
        format: dwellingsFormat,
        title,
        targetLabel: `taux légal ${formatNumber(path.latest?.target ?? 25)} %`,
        width,
      }),
    );
    return () => el.replaceChildren();
  }, [path, title]);
  const rows = useMemo(() => sruPathTable(path.trajectory), [path]);
  return (
    <figure className="sru-path-figure">
      <div ref={holder} className="sru-path-holder" />
      <figcaption className="muted">
        En bleu : logements sociaux à chaque inventaire (trait coupé quand un inventaire manque). En pointillé
        rouge : le chemin vers le taux légal au 1er janvier 2032 à résidences principales constantes
        {path.trajectory.required.some((p) => p.low !== p.high)
          ? ' (bande : fourchette due au taux arrondi)'
          : ''}
        .
        {path.trajectory.objective_2028
          ? ' Losange : stock atteint si l’objectif légal 2026–2028 est tenu.'
          : ''}
      </figcaption>
      <details className="series-table">
        <summary>Tableau des données du graphique</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Inventaire au 1er janvier</th>
              <th scope="col">Logements sociaux constatés</th>
              <th scope="col">Chemin vers le taux légal en 2032</th>
              <th scope="col">Objectif légal 2026–2028 tenu</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                <td className="num">{r.actual === null ? '—' : formatNumber(r.actual)}</td>
                <td className="num">{r.required ? rangeText(r.required) : '—'}</td>
                <td className="num">{r.objective ? rangeText(r.objective) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function SruPathSection({ code, name }: { code: string; name: string }) {
  const state = useAsync(() => loadSruPath(code), [code]);
  if (state.status === 'ok' && state.data === null) return null;
  const heading = <h2 id="trajectoire-sru">Loi SRU : la trajectoire du mandat 2026–2032</h2>;
  if (state.status !== 'ok')
    return (
      <section aria-labelledby="trajectoire-sru" className="sru-path">
        {heading}
        {state.status === 'loading' ? (
          <p aria-busy="true">Calcul de la trajectoire SRU…</p>
        ) : (
          <p role="alert">{state.error.message}</p>
        )}
      </section>
    );
  const path = state.data!.data;
  const sentences = summarySentences(name, path);
  const showChart = path.trajectory.actual.length > 0;
  return (
    <section aria-labelledby="trajectoire-sru" className="sru-path" data-situation={path.situation}>
      {heading}
      <div className="sru-path-summary">
        {sentences.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
      <div className="table-wrap">
        <table className="compare sru-periods">
          <caption>
            Objectif légal de rattrapage de chaque période triennale, calculé par l’observatoire ({path.law})
            — l’objectif notifié par le préfet fait foi.
          </caption>
          <thead>
            <tr>
              <th scope="col">Période</th>
              <th scope="col">Objectif (logements sociaux)</th>
              <th scope="col">Règle</th>
              <th scope="col">Inventaire de base</th>
              <th scope="col">Constaté dans les inventaires</th>
            </tr>
          </thead>
          <tbody>
            {path.periods.map((p) => (
              <tr key={p.start} data-period={periodLabel(p)}>
                <th scope="row">
                  {periodLabel(p)} <span className="muted">({PHASE[p.phase]})</span>
                </th>
                <td className="num" data-objective={p.objective?.value ?? ''}>
                  {objectiveCell(p)}
                </td>
                <td>{p.rule ?? p.note ?? '—'}</td>
                <td>{basisCell(p)}</td>
                <td>
                  {p.observed
                    ? `${p.observed.change >= 0 ? '+' : '−'}${formatNumber(Math.abs(p.observed.change))} entre le 1er janvier ${p.observed.from_year} et le 1er janvier ${p.observed.to_year}`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {path.paces.observed.length > 0 && (
        <p className="muted">
          Rythme constaté (variation nette du parc social, par an) :{' '}
          {path.paces.observed
            .map(
              (o) =>
                `${o.per_year >= 0 ? '+' : '−'}${formatNumber(Math.abs(o.per_year), Number.isInteger(o.per_year) ? 0 : 1)} entre ${o.from_year} et ${o.to_year}`,
            )
            .join(' ; ')}
          {path.paces.observed.some((o) => o.note)
            ? ` (${path.paces.observed.find((o) => o.note)!.note})`
            : ''}
          .
        </p>
      )}
      {showChart && <Chart path={path} name={name} />}
      <details className="sru-assumptions">
        <summary>Hypothèses et méthode</summary>
        <ul>
          {path.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
        <p>
          <Link href="/methodologie#trajectoire-sru">Méthodologie de la trajectoire SRU</Link>
        </p>
      </details>
      <ExportBar
        label="Exporter la trajectoire SRU"
        table={{
          fileName: `trajectoire-sru-${code}`,
          csvUrl: apiUrl(`/api/territories/commune/${code}/sru`, {}, 'csv'),
        }}
        apiUrl={apiUrl(`/api/territories/commune/${code}/sru`, {})}
        print={false}
        share={false}
      />
    </section>
  );
}
