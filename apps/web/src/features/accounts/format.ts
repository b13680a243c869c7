/**
 * "Ada Lovelace" → "AL"; falls back to the email's first letter. Whole characters of words that
 * start with a letter: "Zoë Ångström 🚀" is "ZÅ" (slicing UTF-16 units showed half an emoji as "�").
 */
export function initialsOf(name: string, email: string): string {
  const letters = (word: string) => Array.from(word).filter((c) => /\p{L}/u.test(c));
  const words = name.normalize('NFC').trim().split(/\s+/).map(letters).filter((word) => word.length > 0);
  const initials =
    words.length >= 2 ? `${words[0]![0]}${words[words.length - 1]![0]}` : words[0] ? words[0].slice(0, 2).join('') : (Array.from(email)[0] ?? '');
  return initials.toUpperCase();
}
