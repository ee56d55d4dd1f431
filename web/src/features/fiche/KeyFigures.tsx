/**
 * The chiffres clés of a fiche, grouped by registry theme: per indicator its value with its unit,
 * its date (« chiffre de 2014 » when old), quality badges in plain words, definition (hover, focus or
 * tap), source, and — one tap further on a phone — the same figure for the EPT, département and
 * France, the territory's rank when the API gives it, and its series.
 */
import { useId, useState } from 'react';
import { themeLabel } from '../../../../core/themes';
import type { Fiche, Source } from '../../api';
import { useNarrow } from '../../components/Collapsible';
import { Flags } from '../../components/Flags';
import { Glossed } from '../../components/Glossed';
import { SourceLine } from '../../components/SourceLine';
import { figureParts, figureText, intervalText, oldFigureText } from '../../model/figures';
import { loadSeries } from '../../model/fiche-data';
import { mixedYearsNote, valueText, type Obs, type TerritoryRef } from '../../model/fiche';
import { countText } from '../../model/plural';
import type { LevelId } from '../../territories';
import { useAsync } from '../../useAsync';
import { SeriesFigure } from './SeriesFigure';
import { DemandBlock, demandSummary, isDemandIndicator } from '../demande';

type Ind = Fiche['indicators'][number];
type Ctx = Fiche['context'];

const CONTEXT_LEVELS = ['ept', 'departement', 'france'];

/** Definition and caveats, opened by hover, keyboard focus or tap (a real button). */
export function Definition({ ind }: { ind: Ind }) {
  const [open, setOpen] = useState(false);
  const [pinned, setPinned] = useState(false);
  const id = useId();
  const shown = open || pinned;
  return (
    <span className="definition" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className="def-toggle"
        aria-expanded={shown}
        aria-controls={id}
        onClick={() => setPinned((p) => !p)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setPinned(false);
            setOpen(false);
          }
        }}
      >
        Définition
      </button>
      <span id={id} role="note" className="def-pop" hidden={!shown}>
        <Glossed text={ind.definition_text} />
        {ind.caveats.length > 0 && (
          <span className="def-caveats">
            {ind.caveats.map((c) => (
              <span key={c}>⚠ {c}</span>
            ))}
          </span>
        )}
      </span>
    </span>
  );
}

/** « chiffre de 2014 », visible next to a date more than five years old. */
export function OldFigure({ year }: { year: number }) {
  const text = oldFigureText(year);
  return text ? <span className="old-figure">{text}</span> : null;
}

function ContextLine({ ind, context, own }: { ind: Ind; context: Ctx; own: Obs | null }) {
  // every département of the territory (an EPT may span two), each with its own value
  const items = context.filter((c) => CONTEXT_LEVELS.includes(c.territory.level));
  const cells = items
    .map((c) => ({ t: c.territory as TerritoryRef, v: (c.values as Record<string, Obs>)[ind.id] }))
    .filter((x) => x.v);
  if (!cells.length) return null;
  return (
    <ul className="context-line" aria-label="Comparaison">
      {cells.map(({ t, v }) => (
        <li key={`${t.level}-${t.code}`} title={v!.note ?? undefined}>
          <span className="ctx-name">{t.level === 'france' ? 'France' : t.name}</span>{' '}
          <span className="ctx-value">{valueText(ind, v, t.level)}</span>
          {v!.value !== null && own && v!.year !== own.year ? (
            <span className="muted"> ({v!.year}, autre année)</span>
          ) : null}
          {v!.flags.includes('partial') ? (
            <span className="muted"> (calculé sur une partie des communes)</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export interface RankInfo {
  rank: number;
  of: number;
  ex_aequo: number;
  within: TerritoryRef;
  year: number;
}

function rankText(r: RankInfo): string {
  const where = r.within.level === 'ept' ? `de l’EPT ${r.within.name}` : `du département ${r.within.name}`;
  const eq = r.ex_aequo > 0 ? ` (ex æquo avec ${countText(r.ex_aequo, 'autres')})` : '';
  return `${r.rank === 1 ? '1re' : `${r.rank}e`}${eq} sur ${countText(r.of, 'communes')} ${where}`;
}

function Ranks({ ranks: all }: { ranks: RankInfo[] }) {
  // a rank among fewer than three communes says nothing
  const ranks = all.filter((r) => r.of >= 3);
  if (!ranks.length) return null;
  return (
    <p className="rank">
      Rang{' '}
      <span className="muted" title="rang 1 = valeur la plus élevée ; ex æquo au même rang">
        (1 = la plus élevée, {ranks[0]!.year})
      </span>{' '}
      :{' '}
      {ranks.map((r, i) => (
        <span key={r.within.level} data-rank-level={r.within.level}>
          {i > 0 ? ' ; ' : ''}
          {rankText(r)}
        </span>
      ))}
    </p>
  );
}

function SeriesSlot({ ind, level, code, name }: { ind: Ind; level: LevelId; code: string; name: string }) {
  const state = useAsync(() => loadSeries(ind.id, level, code), [ind.id, level, code]);
  if (state.status !== 'ok') return null;
  const pts = state.data.points;
  if (pts.filter((p) => p.value !== null).length < 2) return null;
  return <SeriesFigure ind={ind} points={pts} breaks={state.data.breaks} territoryName={name} />;
}

/** The big figure of a card: number and unit apart, the interval or the sentence when there is one. */
function BigFigure({ ind, v, level }: { ind: Ind; v: Obs | null; level: string }) {
  if (!v || v.value === null)
    return (
      <p className="big">
        <span className="value">non disponible</span>
      </p>
    );
  const parts = figureParts(ind, v.value, level);
  const reading = ind.reading && !ind.reading.startsWith('{value}') ? figureText(ind, v.value, level) : null;
  const interval = intervalText(ind, v);
  return (
    <>
      <p className="big">
        {interval ? <span className="approx">environ </span> : null}
        <span className="value">{parts.number}</span> <span className="unit">{parts.unit}</span>
      </p>
      {interval && <p className="interval">({interval})</p>}
      {reading && <p className="reading">{reading}</p>}
    </>
  );
}

export function KeyFigureCard({
  ind,
  territory,
  sources,
  context,
  ranks,
}: {
  ind: Ind;
  territory: TerritoryRef;
  sources: Record<string, Source>;
  context: Ctx;
  ranks: RankInfo[];
}) {
  const v = ind.value;
  const narrow = useNarrow();
  const [more, setMore] = useState<boolean | null>(null);
  const showMore = more ?? !narrow;
  const moreId = useId();
  return (
    <div className="card key-figure" data-indicator={ind.id}>
      <h4>
        <Glossed text={ind.label} />
      </h4>
      <BigFigure ind={ind} v={v} level={territory.level} />
      <p className="ref">
        {ind.reference_text}
        {v ? (
          <>
            {' '}
            <OldFigure year={v.year} />
          </>
        ) : null}
        {v && v.last_year > v.year
          ? ` — valeur ${v.last_year} non disponible (${v.last_note ?? 'absente de la source'})`
          : ''}
      </p>
      {v?.note ? <p className="muted">{v.note}</p> : null}
      {v && <Flags flags={v.flags} />}
      <Definition ind={ind} />
      {narrow && (
        <button
          type="button"
          className="linklike card-more-toggle"
          aria-expanded={showMore}
          aria-controls={moreId}
          onClick={() => setMore(!showMore)}
        >
          {showMore ? 'Masquer' : 'Voir'} la comparaison et l’évolution
        </button>
      )}
      <div id={moreId} className="card-more" hidden={!showMore}>
        <Ranks ranks={ranks} />
        <ContextLine ind={ind} context={context} own={v} />
        {ind.years.length > 1 && showMore && (
          <SeriesSlot
            ind={ind}
            level={territory.level as LevelId}
            code={territory.code}
            name={territory.name}
          />
        )}
      </div>
      {v && <SourceLine source={sources[v.source_id]} reference={ind.reference_text} />}
    </div>
  );
}

/** Yes/no statuses of a commune (déficitaire, carencée, exemptée…) in one card, each with its own date. */
function StatusCard({ items, sources }: { items: Ind[]; sources: Record<string, Source> }) {
  const ids = [...new Set(items.map((i) => i.value?.source_id).filter((x): x is string => !!x))];
  return (
    <div className="card key-figure status-card">
      <h4>Statut de la commune</h4>
      <dl className="status-list">
        {items.map((ind) => (
          <div key={ind.id} data-indicator={ind.id}>
            <dt>
              <Glossed text={ind.short_label} /> <Definition ind={ind} />
            </dt>
            <dd>
              <span className="value">{valueText(ind, ind.value, 'commune')}</span>{' '}
              <span className="muted">({ind.reference_text})</span>
              {ind.value ? (
                <>
                  {' '}
                  <OldFigure year={ind.value.year} />
                </>
              ) : null}
              {ind.value?.note ? <span className="muted"> — {ind.value.note}</span> : null}
              {ind.value && <Flags flags={ind.value.flags} />}
            </dd>
          </div>
        ))}
      </dl>
      {ids.map((id) => (
        <SourceLine key={id} source={sources[id]} />
      ))}
    </div>
  );
}

export function KeyFigures({
  fiche,
  sources,
  ranksOf,
}: {
  fiche: Fiche;
  sources: Record<string, Source>;
  ranksOf: (id: string) => RankInfo[];
}) {
  const shown = fiche.indicators.filter((i) => i.open && i.value);
  const themes: string[] = [];
  for (const i of shown) if (!themes.includes(i.theme)) themes.push(i.theme);
  if (!shown.length) return <p>Aucune donnée chargée pour ce territoire.</p>;
  const isCommune = fiche.territory.level === 'commune';
  return (
    <>
      {themes.map((theme) => {
        const inTheme = shown.filter((i) => i.theme === theme);
        const statuses = isCommune ? inTheme.filter((i) => i.unit === 'booleen') : [];
        const demand = theme === 'demande' && demandSummary(fiche) !== null; // one block for the DRIHL socle
        const mixedYears = mixedYearsNote(inTheme);
        return (
          <section key={theme} className="theme" aria-labelledby={`theme-${theme}`} data-theme={theme}>
            <h3 id={`theme-${theme}`} className="theme-title">
              {themeLabel(theme)}
            </h3>
            {mixedYears && (
              <p className="mixed-years" role="note">
                {mixedYears}
              </p>
            )}
            <div className="cards">
              {statuses.length > 0 && <StatusCard items={statuses} sources={sources} />}
              {demand && (
                <DemandBlock fiche={fiche} sources={sources} rank={ranksOf('sne_demandes_par_attribution')} />
              )}
              {inTheme
                .filter((i) => !statuses.includes(i) && !(demand && isDemandIndicator(i.id)))
                .map((ind) => (
                  <KeyFigureCard
                    key={ind.id}
                    ind={ind}
                    territory={fiche.territory}
                    sources={sources}
                    context={fiche.context}
                    ranks={ranksOf(ind.id)}
                  />
                ))}
            </div>
          </section>
        );
      })}
    </>
  );
}
