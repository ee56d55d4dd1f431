/**
 * Atom 1.0 (RFC 4287) documents: a feed and its entries, written as text with every string escaped.
 * Ids are name-based UUIDs (RFC 9562 version 5) of a stable name (« feed:commune:92048 »,
 * « entry:commune:92048:sru-2025 »): the same vintage keeps the same id from build to build and from
 * one host to another.
 */
import { createHash } from 'node:crypto';

/** Namespace of the observatory's name-based UUIDs (a constant chosen once). */
const NAMESPACE = '6f1b5c9e-2d4a-4e7b-9c3f-8a1d0e2b4c67';

export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function urnFor(name: string): string {
  return `urn:uuid:${uuidV5(name)}`;
}

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // eslint-disable-next-line no-control-regex -- characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

/** Same escaping for HTML text and attribute values. */
export const escapeHtml = escapeXml;

/** An RFC 3339 date-time (what Atom requires) from an ISO string; the epoch if it does not parse. */
export function rfc3339(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  /** Address of the page the entry is about (rel="alternate"). */
  link: string;
  summary: string;
  /** HTML of the content (escaped into `type="html"`). */
  html: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  /** The feed's own address (rel="self"). */
  self: string;
  /** The page it follows (rel="alternate"). */
  alternate: string;
  author: string;
  rights?: string;
  entries: AtomEntry[];
}

export function atomXml(feed: AtomFeed): string {
  const e = escapeXml;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${e(feed.id)}</id>`,
    `  <title type="text">${e(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${e(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${rfc3339(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${e(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(feed.alternate)}"/>`,
    `  <author><name>${e(feed.author)}</name></author>`,
    `  <generator>Observatoire précarité &amp; logement</generator>`,
    ...(feed.rights ? [`  <rights type="text">${e(feed.rights)}</rights>`] : []),
  ];
  for (const en of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${e(en.id)}</id>`,
      `    <title type="text">${e(en.title)}</title>`,
      `    <updated>${rfc3339(en.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${e(en.link)}"/>`,
      ...(en.categories ?? []).map((c) => `    <category term="${e(c)}"/>`),
      `    <summary type="text">${e(en.summary)}</summary>`,
      `    <content type="html">${e(en.html)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
