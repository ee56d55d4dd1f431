/** « Source : … » lines for figures and exports, condensed when one dataset comes in several files. */

export interface SourceLike {
  producer: string;
  title: string;
  vintage: string;
}

function commonTitle(titles: string[]): string {
  let p = titles[0] ?? '';
  for (const t of titles) while (!t.startsWith(p)) p = p.slice(0, -1);
  // Cut at the last separator so that the prefix stays a readable title.
  const cut = Math.max(p.lastIndexOf(','), p.lastIndexOf(' ('), p.lastIndexOf(' — '), p.lastIndexOf(' : '));
  const t = (cut > 6 ? p.slice(0, cut) : p)
    .trim()
    .replace(/[,;:(—-]+$/, '')
    .trim();
  return t.length >= 6 ? t : titles[0]!;
}

/** One sentence naming producers, datasets and vintages; files of the same producer are grouped. */
export function sourceText(sources: Record<string, SourceLike> | SourceLike[]): string {
  const list = Array.isArray(sources) ? sources : Object.values(sources);
  if (!list.length) return 'Source : aucune valeur chargée.';
  const byProducer = new Map<string, SourceLike[]>();
  for (const s of list) {
    if (!byProducer.has(s.producer)) byProducer.set(s.producer, []);
    byProducer.get(s.producer)!.push(s);
  }
  const parts = [...byProducer].map(([producer, group]) => {
    const vintages = [...new Set(group.map((s) => s.vintage))].join(' ; ');
    if (group.length === 1) return `${producer}, ${group[0]!.title} (${vintages})`;
    return `${producer}, ${commonTitle(group.map((s) => s.title))} (${group.length} fichiers ; ${vintages})`;
  });
  return `Source : ${parts.join(' ; ')}. Traitement : Observatoire précarité & logement.`;
}
