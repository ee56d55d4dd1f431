/** Public entry of the demand views (DRIHL socle): what the fiche, arguments, questions and workshop pack use. */
export { demandArguments, demandQuestions } from './advocacy';
export { CoverageNote } from './CoverageNote';
export { DemandAtelierTable } from './DemandAtelierTable';
export { DemandBlock } from './DemandBlock';
export { DEMAND_IDS, demandSentence, demandSummary, isDemandIndicator, outsideCoverage } from './model';
