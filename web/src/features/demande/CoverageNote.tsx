/** In a « donnée non ouverte » card: the area where the same figures are open data (e.g. Île-de-France). */
import type { Coverage } from './model';

export function CoverageNote({ items }: { items: { coverage?: Coverage | null }[] }) {
  const labels = [...new Set(items.flatMap((i) => (i.coverage ? [i.coverage.label] : [])))];
  if (!labels.length) return null;
  return (
    <p className="coverage-note" data-coverage={labels.join(' ')}>
      Ces chiffres sont publiés en données ouvertes pour {labels.join(', ')} seulement : aucun fichier
      équivalent n’existe pour ce territoire.
    </p>
  );
}
