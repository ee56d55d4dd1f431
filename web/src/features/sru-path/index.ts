/** Public entry of the SRU path over the mandate: what other features (fiche, arguments, questions, methodology) use. */
export { SruPathSection } from './SruPathSection';
export { SruPathMethod } from './SruPathMethod';
export { usePathExtras } from './usePathExtras';
