import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvFile } from '../../pipelines/lib/csv.js';
import { InputError } from '../../pipelines/lib/errors.js';
import { parseFlag, parseFrenchNumber } from '../../pipelines/lib/values.js';

const loc = { file: 'f.csv', line: 3, column: 'x' };
const dir = mkdtempSync(join(tmpdir(), 'obs-parsing-'));
function write(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('nombres à la française', () => {
  it.each([
    ['35,28%', 35.28],
    ['35,28 %', 35.28],
    ['56 188,45 €', 56188.45],
    ['56\u00a0188,45\u00a0€', 56188.45],
    ['56 188,45 \u0080', 56188.45],
    ['1 234,5', 1234.5],
    ['1.234,5', 1234.5],
    ['0,00 €', 0],
    ['12', 12],
    ['-3.5', -3.5],
  ])('« %s » → %d', (raw, expected) => {
    expect(parseFrenchNumber(raw, loc).value).toBe(expected);
  });

  it.each(['s', 'nd', 'n.d.', '', '  ', 'ND', 'x'])(
    '« %s » est une valeur masquée documentée, jamais 0',
    (raw) => {
      const p = parseFrenchNumber(raw, loc);
      expect(p.value).toBeNull();
      expect(p.mask).toBeTruthy();
    },
  );

  it('« - € » vaut 0 pour le prélèvement SRU seulement', () => {
    expect(parseFrenchNumber('- €', loc, { dashIsZero: true }).value).toBe(0);
    expect(parseFrenchNumber('-', loc).value).toBeNull();
  });

  it.each(['abc', '12abc', '1,2,3', 'NaN', 'Infinity'])(
    '« %s » : erreur qui nomme fichier, ligne et colonne',
    (raw) => {
      expect(() => parseFrenchNumber(raw, loc)).toThrowError(
        /f\.csv, ligne 3, colonne « x » : nombre attendu/,
      );
    },
  );

  it('un effectif décimal est refusé quand un entier est attendu', () => {
    expect(() => parseFrenchNumber('12,5', loc, { integer: true })).toThrowError(InputError);
  });

  it('drapeaux 0/1', () => {
    expect(parseFlag('1', loc)).toBe(true);
    expect(parseFlag('0', loc)).toBe(false);
    expect(parseFlag('', loc)).toBeNull();
    expect(() => parseFlag('peut-être', loc)).toThrowError(/0\/1 attendu/);
  });
});

describe('lecture CSV', () => {
  const csv = 'COM;Commune;PMUN\r\n92050;Nanterre;97783\r\n92051;Neuilly-sur-Seine;59538\r\n';

  it('lit un fichier UTF-8 avec BOM et trouve les colonnes sans accents ni casse', () => {
    const t = readCsvFile(write('ok.csv', `\ufeff${csv}`), { encoding: 'utf-8', required: ['com', 'pmun'] });
    expect(t.rows.map((r) => r.get('pmun'))).toEqual(['97783', '59538']);
    expect(t.rows[1]!.line).toBe(3);
    expect(t.delimiter).toBe(';');
  });

  it('un séparateur dans une valeur décale les cellules : erreur, même quand la cellule poussée hors de l’en-tête est vide', () => {
    // lines ending with empty cells (as in the SRU history file): the shift hides in the trailing blank
    const shifted = 'cod,lls_2021,lls_2022,statut\n13101,0,0,\n13102,0,1 234,5,\n13103,3693,3680,\n';
    expect(() =>
      readCsvFile(write('shift.csv', shifted), { encoding: 'utf-8', required: ['cod'] }),
    ).toThrowError(/shift\.csv, ligne 3 : 5 colonnes au lieu de 4/);
    // every line ending with a separator (a habit of the file, header without it): accepted
    const habit = 'cod,lls\n13101,0,\n13102,5,\n';
    const t = readCsvFile(write('habit.csv', habit), { encoding: 'utf-8', required: ['cod'] });
    expect(t.rows.map((r) => r.get('lls'))).toEqual(['0', '5']);
  });

  it('mauvais encodage : un fichier latin-1 là où UTF-8 est attendu donne le fichier et la ligne', () => {
    const p = write(
      'latin1.csv',
      iconv.encode('COM;Commune;PMUN\n92048;Meudon;46334\n92019;Châtenay-Malabry;35000\n', 'latin1'),
    );
    expect(() => readCsvFile(p, { encoding: 'utf-8', required: ['com'] })).toThrowError(
      /latin1\.csv, ligne 3 : le fichier n’est pas encodé en UTF-8/,
    );
  });

  it('Windows-1252 attendu : décodé correctement (€ = 0x80), et un UTF-8 ré-encodé est aussi accepté', () => {
    const text =
      'Code_INSEE_commune;Nom_commune;Pr\u00e9l\u00e8vement_net\n95446;NESLES-LA-VALL\u00c9E;56 188,45 \u20ac\n';
    const cp = readCsvFile(write('cp.csv', iconv.encode(text, 'win1252')), {
      encoding: 'auto',
      required: ['code_insee_commune', /^prelevement/],
    });
    expect(cp.encoding).toBe('cp1252');
    expect(cp.rows[0]!.get('nom_commune')).toBe('NESLES-LA-VALLÉE');
    const u = readCsvFile(write('u.csv', text), { encoding: 'auto', required: ['code_insee_commune'] });
    expect(u.encoding).toBe('utf-8');
  });

  it('double encodage (« Ã© ») : erreur explicite', () => {
    const p = write('double.csv', Buffer.from('COM;Commune\n92019;ChÃ¢tenay-Malabry\n', 'utf8'));
    expect(() => readCsvFile(p, { encoding: 'utf-8', required: ['com'] })).toThrowError(
      /double\.csv, ligne 2 : texte doublement encodé/,
    );
  });

  it('en-tête décalé ou absent : erreur qui nomme le fichier, la ligne et les colonnes attendues', () => {
    const p = write('shifted.csv', `titre du fichier;;\nautre ligne;;\n${csv}`);
    expect(() => readCsvFile(p, { encoding: 'utf-8', required: ['com', 'pmun'] })).toThrowError(
      /shifted\.csv, ligne 1 : en-tête attendu introuvable \(colonnes requises : com, pmun/,
    );
    // One blank line before the header is allowed where the producer does it (SRU 2024 file).
    const ok = readCsvFile(write('blank.csv', `\n${csv}`), {
      encoding: 'utf-8',
      required: ['com', 'pmun'],
      headerSearch: 1,
    });
    expect(ok.headerLine).toBe(2);
  });

  it('fichier tronqué : la ligne incomplète est signalée', () => {
    const p = write('trunc.csv', 'COM;Commune;PMUN\n92050;Nanterre;97783\n92051;Neuil');
    expect(() => readCsvFile(p, { encoding: 'utf-8', required: ['com', 'pmun'] })).toThrowError(
      /trunc\.csv, ligne 3 : ligne incomplète/,
    );
  });
});
