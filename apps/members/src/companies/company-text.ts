/** "Boîtiers du Doubs" → ["boitiers", "du", "doubs"]: what the directory search compares. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The fields a name gives the directory: its words for search, a key for sorting. */
export function nameIndex(name: string): { nameWords: string[]; sortName: string } {
  const nameWords = searchWords(name);
  return { nameWords, sortName: nameWords.join(' ') };
}

/** Each word of a query must begin a word of the name: "boit doubs" finds "Boîtiers du Doubs". */
export function nameMatches(query: string): Record<string, unknown>[] {
  return searchWords(query).map((word) => ({ nameWords: { $regex: `^${word}` } }));
}
