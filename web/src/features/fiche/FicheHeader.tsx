/** Title block of a fiche: level, name, parents, workshop-pack link, export and print toolbar. */
import { LEVEL_LABELS } from '../../../../core/levels';
import type { FicheResponse } from '../../api';
import { ExportBar } from '../../components/export';
import { Link } from '../../router';

export const LEVEL_NAMES: Record<string, string> = LEVEL_LABELS;

export function FicheHeader({ payload }: { payload: FicheResponse }) {
  const { territory: t, parents } = payload.data;
  const ept = t.level === 'ept' ? t : parents.find((p) => p.level === 'ept');
  return (
    <header className="fiche-header">
      <p className="kicker">
        {LEVEL_NAMES[t.level]} · code {t.code}
      </p>
      <h1>{t.name}</h1>
      {payload.meta.resolved_from && (
        <p className="notice">
          Le code {payload.meta.resolved_from} a été remplacé par {t.code} (code officiel géographique 2025).
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
      {ept && (
        <p className="atelier-link">
          <Link href={`/atelier/ept/${ept.code}`} className="button">
            Dossier d’atelier de l’EPT {ept.name}
          </Link>{' '}
          <span className="muted">chiffres clés, carte et tableau des communes, à imprimer ou projeter</span>
        </p>
      )}
      <ExportBar label="Partager et imprimer la fiche" apiUrl={`/api/territories/${t.level}/${t.code}`} />
    </header>
  );
}
