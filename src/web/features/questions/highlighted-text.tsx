import { parseHighlight } from './question-format.ts';

/** A search highlight ("…«match»…") as text with the matches in <mark>; no HTML is interpreted. */
export function HighlightedText({ highlight }: { highlight: string }) {
  return (
    <>
      {parseHighlight(highlight).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
