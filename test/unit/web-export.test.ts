import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { frenchNumber, safeFileName, toFrenchCsv } from '../../web/src/components/export/csv.js';
import { composeFigure, escapeXml, wrapText } from '../../web/src/components/export/figure.js';

describe('CSV à la française', () => {
  const rows = [
    { nom: 'Meudon', code: '92048', taux: 19.87, n: 1234567, note: null },
    { nom: 'Sèvres; « le pont »', code: '92072', taux: -0.5, n: 0, note: 'masqué "s"' },
  ];
  const csv = toFrenchCsv(rows, [
    { header: 'Commune', value: (r) => r.nom },
    { header: 'Code', value: (r) => r.code },
    { header: 'Taux SRU (%)', value: (r) => r.taux },
    { header: 'Logements', value: (r) => r.n },
    { header: 'Note', value: (r) => r.note },
  ]);

  it('commence par un BOM, sépare par « ; », termine les lignes par CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(csv.slice(1).split('\r\n')[0]).toBe('Commune;Code;Taux SRU (%);Logements;Note');
  });

  it('relit les mêmes valeurs avec un parseur CSV, virgule décimale comprise', () => {
    const back = parse(csv, { delimiter: ';', columns: true, bom: true }) as Record<string, string>[];
    expect(back).toHaveLength(2);
    expect(back[0]).toEqual({
      Commune: 'Meudon',
      Code: '92048',
      'Taux SRU (%)': '19,87',
      Logements: '1234567',
      Note: '',
    });
    expect(back[1]!.Commune).toBe('Sèvres; « le pont »');
    expect(back[1]!.Note).toBe('masqué "s"');
    expect(Number(back[1]!['Taux SRU (%)']!.replace(',', '.'))).toBe(-0.5);
  });

  it('le même écrivain que l’API : décimales du registre, effectifs entiers, formules neutralisées', () => {
    const out = toFrenchCsv(
      [{ nom: '=HYPERLINK("x")', taux: 19.8765, menages: 27906.4 }],
      [
        { header: 'Commune', value: (r) => r.nom },
        { header: 'Taux (%)', value: (r) => r.taux, decimals: 2 },
        { header: 'Ménages', value: (r) => r.menages, decimals: 0 },
      ],
    );
    const back = parse(out, { delimiter: ';', columns: true, bom: true }) as Record<string, string>[];
    expect(back[0]).toEqual({ Commune: `'=HYPERLINK("x")`, 'Taux (%)': '19,88', Ménages: '27906' });
  });

  it('écrit les nombres sans séparateur de milliers ni exposant, jamais NaN', () => {
    expect(frenchNumber(0.1 + 0.2)).toBe(String(0.1 + 0.2).replace('.', ','));
    expect(frenchNumber(1e-7)).toMatch(/^0,0000001/);
    expect(frenchNumber(NaN)).toBe('');
    expect(safeFileName('Taux SRU — Hauts-de-Seine 2025')).toBe('taux-sru-hauts-de-seine-2025');
  });
});

describe('figure exportée', () => {
  const body = {
    markup: '<svg viewBox="0 0 100 50"><rect width="100" height="50" fill="red"/></svg>',
    width: 100,
    height: 50,
  };

  it('a la taille demandée et porte le titre, la légende et la source', () => {
    const svg = composeFigure(
      {
        title: 'Taux SRU & loi <55>',
        source: 'Source : DGALN/DHUP, inventaire SRU 2025',
        legend: {
          title: 'Taux',
          items: [
            { label: 'moins de 10 %', color: '#ffffcc' },
            { label: 'masqué', hatch: true },
          ],
        },
        link: 'http://localhost/carte?indicateur=sru_taux',
      },
      body,
      1600,
      1000,
    );
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* width="1600" height="1000"/);
    expect(svg).toContain(escapeXml('Taux SRU & loi <55>'));
    expect(svg).not.toContain('<55>');
    expect(svg).toContain('Source : DGALN/DHUP, inventaire SRU 2025');
    expect(svg).toContain('moins de 10 %');
    expect(svg).toContain('fill="url(#export-hatch)"');
    expect(svg).toContain('fill="#ffffcc"');
    expect(svg).toContain('viewBox="0 0 100 50"');
    // well-formed XML
    const opens = (svg.match(/<svg\b/g) ?? []).length;
    const closes = (svg.match(/<\/svg>/g) ?? []).length;
    expect(opens).toBe(closes);
  });

  it('coupe les lignes trop longues', () => {
    const lines = wrapText('un deux trois quatre cinq six sept huit neuf dix', 100, 16);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('un deux trois quatre cinq six sept huit neuf dix');
  });
});
