/** DDL of the observatory database. Bump SCHEMA_VERSION whenever a table changes. */
import { PEERS_DDL } from './peers.js';

export const SCHEMA_VERSION = '5';

export const DDL = [
  `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE sources (
    id VARCHAR PRIMARY KEY,
    family VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    producer VARCHAR NOT NULL,
    licence VARCHAR NOT NULL,
    url VARCHAR,
    dataset_url VARCHAR,
    vintage VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    bytes BIGINT NOT NULL,
    retrieved_at VARCHAR NOT NULL,
    notes VARCHAR,
    rows_read INTEGER,
    rows_kept INTEGER,
    rows_rejected INTEGER,
    -- cited publications (kind curated): publication date and page/table, when known
    published VARCHAR,
    page VARCHAR,
    -- 'national' when the file lists every commune of its scope in France (e.g. the SRU inventory): a
    -- département with no row then has no commune in scope, and totals cover every level
    scope VARCHAR
  )`,
  `CREATE TABLE territories (
    level VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    search_key VARCHAR NOT NULL,
    departement VARCHAR,
    region VARCHAR,
    epci VARCHAR,
    ept VARCHAR,
    extra VARCHAR,
    PRIMARY KEY (level, code)
  )`,
  `CREATE TABLE territory_aliases (
    level VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    alias_name VARCHAR,
    search_key VARCHAR,
    code VARCHAR NOT NULL,
    kind VARCHAR NOT NULL
  )`,
  `CREATE TABLE indicators (
    id VARCHAR PRIMARY KEY,
    label VARCHAR NOT NULL,
    short_label VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    theme VARCHAR NOT NULL,
    family VARCHAR NOT NULL,
    definition VARCHAR NOT NULL,
    reference VARCHAR NOT NULL,
    caveats VARCHAR[] NOT NULL,
    aggregation VARCHAR NOT NULL,
    numerator VARCHAR,
    denominator VARCHAR,
    decimals INTEGER NOT NULL,
    polarity VARCHAR NOT NULL,
    open BOOLEAN NOT NULL
  )`,
  `CREATE TABLE observations (
    indicator VARCHAR NOT NULL,
    level VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE,
    numerator DOUBLE,
    denominator DOUBLE,
    source_id VARCHAR NOT NULL,
    flags VARCHAR[] NOT NULL,
    note VARCHAR,
    n_units INTEGER,
    n_units_expected INTEGER,
    aggregated BOOLEAN NOT NULL,
    -- interval of a value deduced from a rounded input (e.g. résidences principales = LLS ÷ rounded rate)
    low DOUBLE,
    high DOUBLE,
    -- the producer's own text when it was not a plain number (« >25% », « Pas d'inventaire », « 2126,00% »)
    raw VARCHAR
  )`,
  // Key (indicator, level, code, year) is unique: checked by pipelines/checks.ts (an index would slow
  // the bulk load); the table is stored sorted by (level, code, indicator, year): a fiche reads one territory.
  `CREATE TABLE geo_layers (
    id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    source_ids VARCHAR[] NOT NULL,
    features INTEGER NOT NULL,
    content VARCHAR NOT NULL
  )`,
  ...PEERS_DDL,
];
