/**
 * Free text (names, evidence, rationales, stage names) placed into generated Markdown. A Markdown
 * renderer passes raw HTML through and turns `[x](javascript:…)` and `<scheme:…>` into links, so
 * user text must not be able to open a tag or a link: `<`, `>`, `[`, `]` and `\` are backslash-escaped
 * (CommonMark shows them literally), `|` too so a table cell cannot be split, and line breaks become
 * spaces so a value cannot start a new block. Plain-text readers see the text with a few backslashes.
 */
export function markdownText(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/[\\<>[\]|`]/g, (c) => `\\${c}`);
}
