/**
 * Beside the map: the keyboard-operable list of its communes, the details of the commune hovered or
 * selected (with links to its fiche, the comparison and its département), and the caveats.
 */
import type { ValuesResponse } from '../../api';
import { Link } from '../../router';
import { CommuneDetails, missingText } from './CommuneDetails';
import { CommuneList, type ListItem } from './CommuneList';
import type { CommuneProps } from './geo';

type Feature = { properties: CommuneProps };
import type { MapState } from './state';

type Row = ValuesResponse['data'][number];
type Def = ValuesResponse['meta']['indicator'];

export function MapSidePanel({
  state,
  update,
  def,
  year,
  sources,
  items,
  listLabel,
  active,
  setActive,
  pick,
  shown,
  shownFeature,
  shownRow,
  selectedFeature,
  selectedRow,
  missingLabel,
}: {
  state: MapState;
  update: (changes: Partial<MapState>) => void;
  def: Def;
  year: number | null;
  sources: ValuesResponse['meta']['sources'];
  items: ListItem[];
  listLabel: string;
  active: string | null;
  setActive: (code: string | null) => void;
  pick: (code: string) => void;
  shown: string | null;
  shownFeature: Feature | undefined;
  shownRow: Row | undefined;
  selectedFeature: Feature | undefined;
  selectedRow: Row | undefined;
  /** Why a commune without value has none (« non soumise à la loi SRU »…), by code. */
  missingLabel: (code: string) => string | null;
}) {
  return (
    <div className="map-side">
      <div className="panel" aria-live="polite">
        <h2 className="panel-title">{state.commune ? 'Commune sélectionnée' : 'Détail'}</h2>
        {shown && (shownFeature || shownRow) ? (
          <CommuneDetails
            name={shownFeature?.properties.nom ?? shownRow?.name ?? shown}
            code={shown}
            row={shownRow}
            def={def}
            year={year}
            sources={sources}
            missing={missingLabel(shown)}
          />
        ) : (
          <p className="muted">Touchez ou survolez la carte, ou choisissez une commune dans la liste.</p>
        )}
        {state.commune && (
          <p className="actions">
            <Link href={`/commune/${state.commune}`}>
              Fiche de {selectedFeature?.properties.nom ?? selectedRow?.name ?? state.commune}
            </Link>
            {' · '}
            <Link href={`/comparer?codes=${state.commune}`}>Comparer</Link>
            {selectedFeature && state.zoom !== `departement:${selectedFeature.properties.dep}` && (
              <>
                {' · '}
                <button
                  type="button"
                  className="linklike"
                  onClick={() => update({ zoom: `departement:${selectedFeature.properties.dep}` })}
                >
                  Zoomer sur son département
                </button>
              </>
            )}
            {' · '}
            <button type="button" className="linklike" onClick={() => update({ commune: null })}>
              Désélectionner
            </button>
          </p>
        )}
        {selectedRow && selectedRow.value === null && (
          <p className="muted">{missingLabel(selectedRow.code) ?? missingText(selectedRow, year)}</p>
        )}
      </div>
      <CommuneList items={items} active={active} onActive={setActive} onSelect={pick} label={listLabel} />
      {def.caveats.length > 0 && (
        <details className="caveats">
          <summary>Précautions de lecture</summary>
          <ul>
            {def.caveats.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
