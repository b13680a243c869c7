/** `text` within `max` characters: cut, ending with "…", when longer (a notification title, an Excel cell). */
export const fitText = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
