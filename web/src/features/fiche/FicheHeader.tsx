/** Title block of a fiche: level, name, parents, workshop-pack link, export and print toolbar. */
import { LEVEL_LABELS } from '../../../../core/levels';
import type { FicheResponse } from '../../api';
import { useNarrow } from '../../components/Collapsible';
import { ExportBar } from '../../components/export';
import { formatDate } from '../../format';
import { Link } from '../../router';

export const LEVEL_NAMES: Record<string, string> = LEVEL_LABELS;

/**
 * Prints the short fiche (key figures, arguments, questions, sources: 4 A4 pages at most) or, with
 * `full`, the complete one (everything else as an annex). Ctrl+P prints the short one.
 */
export function printFiche(full: boolean): void {
  document.body.classList.toggle('print-full', full);
  const done = () => {
    document.body.classList.remove('print-full');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function FicheHeader({ payload }: { payload: FicheResponse }) {
  const { territory: t, parents } = payload.data;
  const ept = t.level === 'ept' ? t : parents.find((p) => p.level === 'ept');
  const narrow = useNarrow();
  return (
    <header className="fiche-header">
      <p className="kicker">
        {LEVEL_NAMES[t.level]} · code {t.code}
      </p>
      <h1>{t.name}</h1>
      <p className="print-only print-origin">
        Observatoire précarité &amp; logement — données de la base du {formatDate(payload.meta.built_at)} —{' '}
        {location.origin}/{t.level}/{t.code}
      </p>
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
      <details className="fiche-tools" open={!narrow}>
        <summary>Imprimer, partager{ept ? ', dossier d’atelier' : ''}</summary>
        {ept && (
          <p className="atelier-link">
            <Link href={`/atelier/ept/${ept.code}`} className="button">
              Dossier d’atelier de l’EPT {ept.name}
            </Link>{' '}
            <span className="muted">
              chiffres clés, carte et tableau des communes, à imprimer ou projeter
            </span>
          </p>
        )}
        <div className="fiche-actions">
          <ExportBar
            label="Partager la fiche"
            apiUrl={`/api/territories/${t.level}/${t.code}`}
            print={false}
          />
          <div className="print-choice" role="group" aria-label="Imprimer la fiche">
            <button type="button" onClick={() => printFiche(false)}>
              Imprimer (4 pages au plus)
            </button>
            <button type="button" className="secondary" onClick={() => printFiche(true)}>
              Imprimer la fiche complète
            </button>
            <span className="muted">
              chiffres clés, arguments{t.level === 'commune' ? ', questions' : ''} et sources ; la fiche
              complète ajoute en annexe les graphiques, les chiffres publiés et les données non ouvertes
            </span>
          </div>
        </div>
      </details>
    </header>
  );
}
