/**
 * Lower case without accents, so that "Peñalolén" is found by "penalolen": NFD then strip the
 * combining marks (U+0300–U+036F); ñ becomes n. For searching, never for storing what was typed.
 *
 * @example foldText('Pasaje Ñuble 1245') === 'pasaje nuble 1245'
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
