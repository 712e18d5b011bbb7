import { escapeHtml } from './jd.ts';

/**
 * The small Markdown dialect job descriptions are edited in, rendered to HTML and plain text.
 *
 * Blocks: ATX headings (`#`, `##`, `###`; deeper levels render as h3), paragraphs (consecutive
 * non-blank lines joined with one space), bullet lists (`- `, `* `, `+ `) and ordered lists
 * (`1. ` or `1) `). Inline: `**strong**` / `__strong__`, `*em*` / `_em_`, `` `code` ``, backslash
 * escapes and links `[text](url)` for http, https and mailto URLs only.
 *
 * Deliberately left out: raw HTML (always escaped), images, block quotes, code blocks, tables,
 * nested lists (indented items join the surrounding list) and reference links. Leading
 * indentation is ignored. Everything here is total: any string parses, nothing throws, and the
 * output depends on the input alone.
 */

// ---- Model ----

type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong' | 'em'; c: Inline[] }
  | { t: 'link'; href: string; c: Inline[] };

type Block =
  | { t: 'heading'; level: number; text: string }
  | { t: 'paragraph'; text: string }
  | { t: 'list'; ordered: boolean; start: number; items: string[] };

// ---- Blocks ----

const headingRe = /^(#{1,6})(?:[ \t]+(.*))?$/;
const bulletRe = /^[-*+][ \t]+(\S.*)$/;
const orderedRe = /^(\d{1,9})[.)][ \t]+(\S.*)$/;

/** Splits into lines, accepting LF, CRLF and lone CR; NUL becomes U+FFFD. */
function lines(md: string): string[] {
  return md.replace(/\0/g, '\uFFFD').split(/\r\n?|\n/);
}

function headingText(rest: string | undefined): string {
  // An optional closing run of #s ("## Title ##") is not part of the text.
  return (rest ?? '').replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
}

type ListBlock = Extract<Block, { t: 'list' }>;

function parseBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  // The open paragraph's lines, the open list, and whether a blank line followed its last item.
  const open: { para: string[] | null; list: ListBlock | null; blankInList: boolean } = { para: null, list: null, blankInList: false };

  const endParagraph = () => {
    if (open.para) blocks.push({ t: 'paragraph', text: open.para.join(' ') });
    open.para = null;
  };
  const endList = () => {
    if (open.list) blocks.push(open.list);
    open.list = null;
    open.blankInList = false;
  };

  for (const raw of lines(md)) {
    const s = raw.trim();
    if (!s) {
      endParagraph();
      if (open.list) open.blankInList = true;
      continue;
    }

    const h = headingRe.exec(s);
    if (h) {
      endParagraph();
      endList();
      const text = headingText(h[2]);
      if (text) blocks.push({ t: 'heading', level: h[1]!.length, text });
      continue;
    }

    const b = bulletRe.exec(s);
    const o = b ? null : orderedRe.exec(s);
    if (b || o) {
      const ordered = !!o;
      const text = (b ? b[1] : o![2])!.trim();
      const start = o ? Number(o[1]) : 1;
      // An item of the same kind continues the open list, even across blank lines.
      if (open.list?.ordered === ordered) {
        open.list.items.push(text);
        open.blankInList = false;
        continue;
      }
      // As in CommonMark, only an ordered list starting at 1 may interrupt a paragraph, so a
      // wrapped line such as "2024. A good year" stays prose.
      if (open.para && ordered && start !== 1) {
        open.para.push(s);
        continue;
      }
      endParagraph();
      endList();
      open.list = { t: 'list', ordered, start, items: [text] };
      continue;
    }

    if (open.list) {
      // A line right under an item continues it; after a blank line it starts a paragraph.
      if (!open.blankInList) {
        open.list.items[open.list.items.length - 1] += ` ${s}`;
        continue;
      }
      endList();
    }
    (open.para ??= []).push(s);
  }
  endParagraph();
  endList();
  return blocks;
}

// ---- Inlines ----

/** Nesting limit for emphasis and links; deeper markers stay literal text. */
const maxDepth = 16;
const asciiPunctuation = /[!-/:-@[-`{-~]/;
const whitespace = /\s/;
const alphanumeric = /[\p{L}\p{N}]/u;
const safeUrl = /^(?:https?:\/\/[^\s/?#]+\S*|mailto:\S+)$/i;

/** Backtick runs, and for each the index of the next run of the same length (-1: none). */
function backtickRuns(s: string): { at: Map<number, number>; pos: number[]; len: number[]; next: number[] } {
  const pos: number[] = [];
  const len: number[] = [];
  for (let i = 0; i < s.length; ) {
    if (s[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (s[j] === '`') j++;
    pos.push(i);
    len.push(j - i);
    i = j;
  }
  const next = new Array<number>(pos.length).fill(-1);
  const lastByLength = new Map<number, number>();
  for (let k = pos.length - 1; k >= 0; k--) {
    next[k] = lastByLength.get(len[k]!) ?? -1;
    lastByLength.set(len[k]!, k);
  }
  return { at: new Map(pos.map((p, k) => [p, k])), pos, len, next };
}

/**
 * For each `[` and `(`, the index of its matching `]` or `)` (nesting counted per kind, escaped
 * characters ignored). Precomputed so that a line of unclosed brackets stays linear.
 */
function pairs(s: string): Map<number, number> {
  const found = new Map<number, number>();
  const square: number[] = [];
  const round: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '[') square.push(i);
    else if (c === '(') round.push(i);
    else if (c === ']' && square.length) found.set(square.pop()!, i);
    else if (c === ')' && round.length) found.set(round.pop()!, i);
  }
  return found;
}

const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/**
 * Reads the destination of a link whose `(` is at `open`: `(url)` or `(url "title")`, the title
 * accepted and dropped. Parentheses inside the URL must balance; the URL ends at whitespace.
 * Returns the URL and the index after the closing `)`.
 */
function linkDestination(s: string, open: number, matches: Map<number, number>, nextSpace: Int32Array): { url: string; end: number } | null {
  const close = matches.get(open);
  if (close === undefined) return null;
  let i = open + 1;
  while (s[i] === ' ') i++;
  const space = nextSpace[i] ?? s.length;
  if (space >= close) return { url: unescape(s.slice(i, close)), end: close + 1 };
  const start = i;
  i = space;
  while (s[i] === ' ') i++;
  if (s[i] === '"') {
    const quote = s.indexOf('"', i + 1);
    if (quote < 0) return null;
    i = quote + 1;
    while (s[i] === ' ') i++;
  }
  return s[i] === ')' ? { url: unescape(s.slice(start, space)), end: i + 1 } : null;
}

function parseInline(s: string, depth = 0, inLink = false): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ t: 'text', v: buf });
    buf = '';
  };
  const push = (nodes: Inline[]) => {
    for (const n of nodes) {
      if (n.t === 'text') buf += n.v;
      else {
        flush();
        out.push(n);
      }
    }
  };
  const runs = backtickRuns(s);
  const matches = pairs(s);
  // nextSpace[i]: the index of the first whitespace at or after i (s.length when none).
  const nextSpace = new Int32Array(s.length + 1);
  nextSpace[s.length] = s.length;
  for (let k = s.length - 1; k >= 0; k--) nextSpace[k] = whitespace.test(s[k]!) ? k : nextSpace[k + 1]!;
  // Delimiters already known to have no closer further on stay literal without a new search, which
  // keeps a line full of stray asterisks linear rather than quadratic.
  const unclosed = new Set<string>();

  const isCloser = (j: number, d: string) => {
    if (s.slice(j, j + d.length) !== d) return false;
    if (j === 0 || whitespace.test(s[j - 1]!)) return false;
    if (d[0] === '_') return !alphanumeric.test(s[j + d.length] ?? ' ');
    return true;
  };
  /** The index of the delimiter closing `d`, scanning from `from` past escapes and code spans. */
  const findCloser = (from: number, d: string): number => {
    const c = d[0]!;
    for (let j = from; j < s.length; ) {
      const ch = s[j]!;
      if (ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === '`') {
        const k = runs.at.get(j);
        const close = k === undefined ? -1 : runs.next[k]!;
        j = close >= 0 ? runs.pos[close]! + runs.len[close]! : j + 1;
        continue;
      }
      if (ch === c) {
        let run = 1;
        while (s[j + run] === c) run++;
        if (d.length === 1) {
          // A single delimiter looks past doubled ones, so "*a **b** c*" nests; in an odd run
          // ("b***") the last character can close it.
          if (run % 2 === 1 && isCloser(j + run - 1, d)) return j + run - 1;
        } else if (run >= 2 && isCloser(j + run - 2, d)) {
          // A double closes with the last two of its run, so "***a***" is strong around "*a*".
          return j + run - 2;
        }
        j += run;
        continue;
      }
      j++;
    }
    return -1;
  };

  for (let i = 0; i < s.length; ) {
    const c = s[i]!;

    if (c === '\\' && i + 1 < s.length && asciiPunctuation.test(s[i + 1]!)) {
      buf += s[i + 1];
      i += 2;
      continue;
    }

    if (c === '`') {
      const k = runs.at.get(i);
      if (k === undefined) {
        buf += c;
        i++;
        continue;
      }
      const n = runs.len[k]!;
      const close = runs.next[k]!;
      if (close < 0) {
        buf += '`'.repeat(n);
        i += n;
        continue;
      }
      let code = s.slice(i + n, runs.pos[close]);
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
      flush();
      out.push({ t: 'code', v: code });
      i = runs.pos[close]! + n;
      continue;
    }

    if (c === '[' && !inLink && depth < maxDepth) {
      const close = matches.get(i);
      const dest = close !== undefined && s[close + 1] === '(' ? linkDestination(s, close + 1, matches, nextSpace) : null;
      if (dest) {
        const label = parseInline(s.slice(i + 1, close), depth + 1, true);
        if (safeUrl.test(dest.url)) {
          flush();
          // An empty label would make an invisible link: show the URL instead.
          out.push({ t: 'link', href: dest.url, c: label.length ? label : [{ t: 'text', v: dest.url }] });
        } else {
          // Any other scheme (javascript:, data:, relative paths) keeps only its text.
          push(label);
        }
        i = dest.end;
        continue;
      }
    }

    if ((c === '*' || c === '_') && depth < maxDepth) {
      const d = s[i + 1] === c ? c + c : c;
      const after = s[i + d.length];
      const opens = after !== undefined && !whitespace.test(after) && !(c === '_' && i > 0 && alphanumeric.test(s[i - 1]!));
      if (opens && !unclosed.has(d)) {
        const close = findCloser(i + d.length, d);
        if (close > i + d.length) {
          flush();
          out.push({ t: d.length === 2 ? 'strong' : 'em', c: parseInline(s.slice(i + d.length, close), depth + 1, inLink) });
          i = close + d.length;
          continue;
        }
        if (close < 0) unclosed.add(d);
      }
      // Not emphasis here. A double run stays literal as a whole, so an unmatched "**" does not
      // turn into a single "*" opener; a single character lets the next one try on its own.
      buf += d;
      i += d.length;
      continue;
    }

    buf += c;
    i++;
  }
  flush();
  return out;
}

// ---- Rendering ----

function inlineHtml(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
          return escapeHtml(n.v);
        case 'code':
          return `<code>${escapeHtml(n.v)}</code>`;
        case 'strong':
          return `<strong>${inlineHtml(n.c)}</strong>`;
        case 'em':
          return `<em>${inlineHtml(n.c)}</em>`;
        case 'link':
          return `<a href="${escapeHtml(n.href)}">${inlineHtml(n.c)}</a>`;
      }
    })
    .join('');
}

function inlineText(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
        case 'code':
          return n.v;
        case 'strong':
        case 'em':
          return inlineText(n.c);
        case 'link': {
          const label = inlineText(n.c);
          if (label === n.href || label === n.href.replace(/^mailto:/i, '')) return label;
          return `${label} (${n.href})`;
        }
      }
    })
    .join('');
}

const html = (text: string) => inlineHtml(parseInline(text));
const plain = (text: string) => inlineText(parseInline(text));

/**
 * Renders job-description Markdown as an `<article class="job-description">`, in the same shape as
 * the generator's HTML: each `##` heading opens a `<section>` that runs to the next `#` or `##`
 * heading, one element per line, a trailing newline. `lang` is set only when `opts.language` is
 * given (otherwise the page's language applies). All text is escaped; only http(s) and mailto links
 * become anchors. Never throws.
 */
export function markdownToHtml(md: string, opts: { language?: string } = {}): string {
  const lang = opts.language ? ` lang="${escapeHtml(opts.language)}"` : '';
  const out = [`<article class="job-description"${lang}>`];
  let inSection = false;
  for (const b of parseBlocks(typeof md === 'string' ? md : '')) {
    if (b.t === 'heading') {
      const level = Math.min(b.level, 3);
      if (level <= 2 && inSection) {
        out.push('</section>');
        inSection = false;
      }
      if (level === 2) {
        out.push('<section>');
        inSection = true;
      }
      out.push(`<h${level}>${html(b.text)}</h${level}>`);
    } else if (b.t === 'paragraph') {
      out.push(`<p>${html(b.text)}</p>`);
    } else {
      const open = b.ordered ? (b.start === 1 ? '<ol>' : `<ol start="${b.start}">`) : '<ul>';
      out.push(open, ...b.items.map((item) => `<li>${html(item)}</li>`), b.ordered ? '</ol>' : '</ul>');
    }
  }
  if (inSection) out.push('</section>');
  out.push('</article>');
  return `${out.join('\n')}\n`;
}

/**
 * Renders job-description Markdown as plain text, in the generator's text layout: headings as their
 * text, bullets as `• item`, ordered items as `1. item`, inline marks dropped, links as
 * `text (url)` (just the URL when the text is the URL), blocks separated by a blank line and the
 * whole ending in one newline. An empty document gives the empty string. Never throws.
 */
export function markdownToText(md: string): string {
  const out = parseBlocks(typeof md === 'string' ? md : '').map((b) => {
    if (b.t !== 'list') return plain(b.text);
    return b.items.map((item, k) => `${b.ordered ? `${b.start + k}.` : '•'} ${plain(item)}`).join('\n');
  });
  return out.length ? `${out.join('\n\n')}\n` : '';
}

/** The plain text of the first level-one (`# `) heading, or null when there is none. */
export function markdownTitle(md: string): string | null {
  for (const b of parseBlocks(typeof md === 'string' ? md : '')) if (b.t === 'heading' && b.level === 1) return plain(b.text);
  return null;
}
