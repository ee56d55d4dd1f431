/**
 * SVG markup made readable for file snapshots: one element per line, indented, and every decimal
 * number of an attribute rounded to `digits` places — a snapshot diff then shows which element and
 * which coordinate changed, and sub-pixel noise of a library update does not change it.
 */
export function prettySvg(markup: string, digits = 2): string {
  const round = (tag: string) =>
    tag.replace(/-?\d*\.\d+(?:e-?\d+)?/gi, (n) => {
      const r = Number(Number(n).toFixed(digits));
      return String(Object.is(r, -0) ? 0 : r);
    });
  const tokens = [...markup.matchAll(/<[^>]+>|[^<]+/g)].map((m) => m[0]).filter((t) => t.trim() !== '');
  const isOpen = (t: string | undefined) => !!t && /^<[^/!?]/.test(t) && !t.endsWith('/>');
  const isClose = (t: string | undefined) => !!t && t.startsWith('</');
  const isText = (t: string | undefined) => !!t && !t.startsWith('<');
  const lines: string[] = [];
  let depth = 0;
  const push = (text: string) => lines.push(`${'  '.repeat(depth)}${text}`);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isOpen(t) && isClose(tokens[i + 1])) {
      push(`${round(t)}${tokens[++i]}`); // empty element
    } else if (
      isOpen(t) &&
      isText(tokens[i + 1]) &&
      !tokens[i + 1]!.includes('\n') &&
      isClose(tokens[i + 2])
    ) {
      push(`${round(t)}${tokens[i + 1]!.trim()}${tokens[i + 2]}`); // a label
      i += 2;
    } else if (isOpen(t)) {
      push(round(t));
      depth++;
    } else if (isClose(t)) {
      depth--;
      push(t);
    } else if (isText(t)) {
      for (const line of t.split('\n')) if (line.trim()) push(line.trim());
    } else push(round(t));
  }
  return `${lines.join('\n')}\n`;
}
