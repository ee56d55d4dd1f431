/**
 * Source lines in plain French: the producer, the dataset and the date (« Ministère du Logement,
 * inventaire SRU au 1er janvier 2024 »). The technical detail — file name, third-party copy, how the
 * vintage was inferred — is kept apart (`technicalDetail`), one click away in the dashboard.
 */

export interface SourceLike {
  producer: string;
  title: string;
  vintage: string;
  family?: string;
  kind?: string;
  file_name?: string;
  notes?: string | null;
  url?: string | null;
  dataset_url?: string | null;
}

/** Producers as a reader knows them, matched on the start of the producer field. */
const PRODUCERS: [RegExp, string][] = [
  [/^Ministère chargé du logement|^DGALN|^DHUP/i, 'Ministère du Logement'],
  [/^SDES/, 'Ministère de la Transition écologique (SDES)'],
  [/^INSEE/i, 'Insee'],
  [/^Cnaf/, 'Cnaf'],
  [/^DGCL/, 'Ministère de l’Intérieur (DGCL)'],
  [/^IGN/, 'IGN et Insee'],
];

/** « Ministère chargé du logement — DGALN/DHUP » → « Ministère du Logement ». */
export function plainProducer(producer: string): string {
  for (const [re, name] of PRODUCERS) if (re.test(producer)) return name;
  return producer;
}

/** Dataset names by source family; other families keep a cleaned title. */
const DATASETS: Record<string, (title: string) => string> = {
  sru: () => 'inventaire SRU',
  rpls: () => 'répertoire des logements sociaux (RPLS)',
  caf: () => 'allocataires des CAF',
  filosofi: () => 'revenus et pauvreté (Filosofi)',
  insee: (t) =>
    /population/i.test(t) && /légales/i.test(t) ? 'populations légales' : 'recensement de la population',
};

/** The title without file names, third-party copies and technical suffixes. */
export function cleanTitle(title: string): string {
  return title
    .replace(/\s*\([^()]*(?:extrait|rouages|\.xlsx|\.csv|\.json|converti|libellés)[^()]*\)/gi, '')
    .replace(/\s+—\s+(?:fichier|extrait).*$/i, '')
    .replace(/,\s+communes? du \d[\dAB]?\b/i, '')
    .trim();
}

/** The dataset, as a reader names it (« inventaire SRU »); a publication's own title for a report. */
export function datasetName(s: SourceLike): string {
  if (s.kind === 'curated') return `« ${s.title} »`;
  const named = s.family ? DATASETS[s.family] : undefined;
  if (named) return named(s.title);
  const t = cleanTitle(s.title);
  return /^[A-Z][a-zé]/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t;
}

/** The vintage without how it was inferred (« (déduit : millésime 2026 du fichier officiel) »). */
export function plainVintage(vintage: string): string {
  return vintage
    .replace(/\s*\([^()]*(?:déduit|fichier|extrait)[^()]*\)/gi, '')
    .replace(/,\s*(?:géographie|mise en ligne).*$/i, '')
    .trim();
}

/**
 * One source in plain French. With the reference of the figure (« inventaire SRU au 1er janvier
 * 2024 »), it gives the date of that figure; without, the vintage of the file.
 */
export function sourceLine(s: SourceLike | undefined, reference?: string | null): string {
  if (!s) return 'source inconnue';
  const producer = plainProducer(s.producer);
  if (s.kind === 'curated') return `${s.producer}, ${datasetName(s)} (${plainVintage(s.vintage)})`;
  const dataset = datasetName(s);
  const date = reference ?? plainVintage(s.vintage);
  if (date.toLowerCase().includes(dataset.toLowerCase().replace(/\s*\(.*\)$/, '')))
    return `${producer}, ${date}`;
  return `${producer}, ${dataset}, ${date}`;
}

/** Producer and dataset, without the date (« Ministère du Logement, inventaire SRU »). */
export function sourceName(s: SourceLike | undefined): string {
  if (!s) return 'source inconnue';
  return s.kind === 'curated'
    ? `${s.producer}, ${datasetName(s)}`
    : `${plainProducer(s.producer)}, ${datasetName(s)}`;
}

/** The technical detail of a source: file, copy by a third party, vintage as written, notes. */
export function technicalDetail(s: SourceLike): string[] {
  const out = [`${s.producer} — ${s.title}`, `millésime : ${s.vintage}`];
  if (s.file_name) out.push(`fichier : ${s.file_name}`);
  if (s.kind === 'derived') out.push('copie remise en forme par un tiers, valeurs du producteur');
  if (s.notes) out.push(s.notes);
  return out;
}

/** One line per producer and dataset, their dates listed once (« Insee, Filosofi (2021 ; 2023) »). */
export function sourceGroups(sources: Record<string, SourceLike> | SourceLike[]): string[] {
  const list = Array.isArray(sources) ? sources : Object.values(sources);
  const groups = new Map<string, { producer: string; dataset: string; vintages: Set<string> }>();
  for (const s of list) {
    const producer = s.kind === 'curated' ? s.producer : plainProducer(s.producer);
    const dataset = datasetName(s);
    const key = `${producer}|${dataset}`;
    const g = groups.get(key) ?? { producer, dataset, vintages: new Set<string>() };
    g.vintages.add(plainVintage(s.vintage));
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => `${g.producer}, ${g.dataset} — ${[...g.vintages].join(' ; ')}`);
}

/** One sentence for a figure built from several files: producers and datasets grouped, dates listed. */
export function sourceText(sources: Record<string, SourceLike> | SourceLike[]): string {
  const parts = sourceGroups(sources);
  if (!parts.length) return 'Source : aucune valeur chargée.';
  return `Source : ${parts.join(' ; ')}. Traitement : Observatoire précarité & logement.`;
}
