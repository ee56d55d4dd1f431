/** Public entry of the argument cards: what other features (fiche, workshop pack) may use. */
export { ArgumentCards } from './ArgumentCards';
export { copyText, generateArguments, type ArgumentCard, type ArgumentInput } from './generate';
