import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, formatNumber, protectText, roundTo, toFrenchCsv } from './csv.js';

describe('nombres', () => {
  it('arrondi au plus proche, moitié loin de zéro, sans artefact binaire ni -0', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(Object.is(roundTo(-0.04, 1), 0)).toBe(true);
    expect(roundTo(27906.4, 0)).toBe(27906);
  });

  it('virgule décimale en style excel, jamais d’exposant, décimales fixes quand elles sont données', () => {
    expect(formatNumber(3.027979, 'excel', 1)).toBe('3,0');
    expect(formatNumber(25, 'excel', 2)).toBe('25,00');
    expect(formatNumber(3.027979, 'rfc')).toBe('3.027979');
    expect(formatNumber(1e-7, 'excel')).toBe('0,0000001');
    expect(formatNumber(1e21, 'rfc')).toBe('1000000000000000000000');
    expect(formatNumber(NaN, 'excel')).toBe('');
    expect(formatNumber(-Infinity, 'rfc')).toBe('');
  });
});

describe('cellules', () => {
  it('formules neutralisées en style excel seulement, y compris en tête de liste', () => {
    for (const f of ['=1+1', '+33 1', '-2', '@SUM(A1)', '\tx']) expect(protectText(f)).toBe(`'${f}`);
    expect(protectText('Sèvres')).toBe('Sèvres');
    expect(csvCell('=cmd', 'string', { style: 'excel' })).toBe("'=cmd");
    expect(csvCell('=cmd', 'string', { style: 'rfc' })).toBe('=cmd');
    expect(csvCell(['=a', 'b'], 'list', { style: 'excel' })).toBe("'=a | b");
  });

  it('signalements : libellés français en style excel, codes en style rfc ; décimales ignorées en rfc', () => {
    const labels = { rounded: 'arrondi', derived: 'extrait retraité' };
    expect(csvCell(['rounded', 'derived'], 'flags', { style: 'excel', labels })).toBe(
      'arrondi, extrait retraité',
    );
    expect(csvCell(['rounded', 'derived'], 'flags', { style: 'rfc', labels })).toBe('rounded|derived');
    expect(csvCell(27906.4, 'number', { style: 'excel', decimals: 0 })).toBe('27906');
    expect(csvCell(27906.4, 'number', { style: 'rfc', decimals: 0 })).toBe('27906.4');
    expect(csvCell(null, 'number', { style: 'excel' })).toBe('');
    expect(csvCell(0, 'number', { style: 'excel' })).toBe('0');
  });

  it('document : guillemets quand il le faut, CRLF, BOM en style excel, relu à l’identique', () => {
    const lines = [
      ['a', 'b'],
      ['x;y', 'dit "non"'],
      [' espace', 'ligne\nsuivante'],
    ];
    const excel = csvDocument(lines, 'excel');
    expect(excel.startsWith('\uFEFF')).toBe(true);
    expect(excel.endsWith('\r\n')).toBe(true);
    expect(parse(excel, { delimiter: ';', bom: true })).toEqual(lines);
    const rfc = csvDocument(lines, 'rfc');
    expect(rfc.startsWith('\uFEFF')).toBe(false);
    expect(parse(rfc, { delimiter: ',' })).toEqual(lines);
  });
});

describe('toFrenchCsv', () => {
  it('colonnes de l’interface : oui/non, décimales de colonne, formules neutralisées', () => {
    const csv = toFrenchCsv(
      [{ nom: '=Meudon', taux: 19.876, ok: true }],
      [
        { header: 'Commune', value: (r) => r.nom },
        { header: 'Taux SRU (%)', value: (r) => r.taux, decimals: 2 },
        { header: 'Déficitaire', value: (r) => r.ok },
      ],
    );
    expect(parse(csv, { delimiter: ';', bom: true })).toEqual([
      ['Commune', 'Taux SRU (%)', 'Déficitaire'],
      ["'=Meudon", '19,88', 'oui'],
    ]);
  });
});
