/** Public entry of the questions for candidates: what other features (fiche) may use. */
export { QuestionsPanel } from './QuestionsPanel';
export { generateQuestions, questionsText, type Question } from './generate';
