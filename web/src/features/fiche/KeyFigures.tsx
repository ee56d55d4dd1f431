/**
 * The chiffres clés of a fiche, grouped by registry theme: per indicator its value, year, quality
 * badges, definition (hover, focus or tap), source, the same figure for the EPT, département and
 * France, the territory's rank when the API gives it, and its series.
 */
import { useId, useState } from 'react';
import { THEME_LABELS } from '../../../../core/registry';
import type { Fiche, Source } from '../../api';
import { Flags } from '../../components/Flags';
import { SourceLine } from '../../components/SourceLine';
import { useAsync } from '../../useAsync';
import { loadSeries } from './data';
import { valueText, type FicheIndicatorLike, type Obs, type TerritoryRef } from './model';
import { SeriesFigure } from './SeriesFigure';

type Ind = Fiche['indicators'][number];
type Ctx = Fiche['context'];

const CONTEXT_LEVELS = ['ept', 'departement', 'france'];

export function unitText(ind: Pick<FicheIndicatorLike, 'unit' | 'unit_symbol'>): string {
  return ind.unit === 'pct' || ind.unit === 'booleen' || ind.unit.startsWith('euros')
    ? ''
    : (ind.unit_symbol ?? '');
}

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
        {ind.definition_text}
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

function ContextLine({ ind, context, own }: { ind: Ind; context: Ctx; own: Obs | null }) {
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
          {v!.flags.includes('partial') ? <span className="muted"> (couverture partielle)</span> : null}
        </li>
      ))}
    </ul>
  );
}

export interface RankInfo {
  rank: number;
  of: number;
  within: TerritoryRef;
  year: number;
}

function SeriesSlot({ ind, level, code, name }: { ind: Ind; level: string; code: string; name: string }) {
  const state = useAsync(() => loadSeries(ind.id, level, code), [ind.id, level, code]);
  if (state.status !== 'ok') return null;
  const pts = state.data.points;
  if (pts.filter((p) => p.value !== null).length < 2) return null;
  return <SeriesFigure ind={ind} points={pts} territoryName={name} />;
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
  const compact = ind.unit === 'booleen' && territory.level === 'commune';
  return (
    <div className={`card key-figure${compact ? ' compact' : ''}`} data-indicator={ind.id}>
      <h4>{ind.label}</h4>
      <p className="big">
        <span className="value">{valueText(ind, v, territory.level)}</span>{' '}
        <span className="unit">{v && v.value !== null ? unitText(ind) : ''}</span>
      </p>
      <p className="ref">
        {ind.reference_text}
        {v && v.last_year > v.year
          ? ` — valeur ${v.last_year} non disponible (${v.last_note ?? 'absente de la source'})`
          : ''}
      </p>
      {v?.note ? <p className="muted">{v.note}</p> : null}
      {v && <Flags flags={v.flags} />}
      <Definition ind={ind} />
      {ranks.map((r) => (
        <p className="rank" key={`${r.within.level}-${r.within.code}`}>
          Rang {r.rank} sur {r.of} {r.within.level === 'ept' ? 'dans l’EPT' : 'dans le département'}{' '}
          {r.within.name} ({r.year})
        </p>
      ))}
      {!compact && <ContextLine ind={ind} context={context} own={v} />}
      {!compact && ind.years.length > 1 && (
        <SeriesSlot ind={ind} level={territory.level} code={territory.code} name={territory.name} />
      )}
      {v && <SourceLine source={sources[v.source_id]} />}
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
  return (
    <>
      {themes.map((theme) => (
        <section key={theme} className="theme" aria-labelledby={`theme-${theme}`} data-theme={theme}>
          <h3 id={`theme-${theme}`} className="theme-title">
            {(THEME_LABELS as Record<string, string>)[theme] ?? theme}
          </h3>
          <div className="cards">
            {shown
              .filter((i) => i.theme === theme)
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
      ))}
    </>
  );
}
