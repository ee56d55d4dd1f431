/** The addresses and the `<iframe>` snippet of an embeddable card and of a territory's Atom feed (pure). */

export const EMBED_LEVELS = ['commune', 'ept', 'epci', 'departement', 'region'];
export const MAX_EMBED_INDICATORS = 6;

export function embedUrl(origin: string, level: string, code: string, indicators: string[]): string {
  return `${origin}/embed/${level}/${code}?indicateurs=${indicators.join(',')}`;
}

export function feedUrl(origin: string, level: string, code: string): string {
  return `${origin}/feeds/${level}/${code}.atom`;
}

/** A height that fits the card: title, one block per figure, source and link. */
export function embedHeight(n: number): number {
  return 200 + 80 * n;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function iframeSnippet(src: string, title: string, n: number): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${embedHeight(n)}" style="border:0;max-width:560px" loading="lazy"></iframe>`;
}
