import type { ReactNode } from 'react';
import type { CaseRow } from '@fazhi/contracts';

/** A search hit's excerpt as the case list sends it. */
type Snippet = NonNullable<CaseRow['snippet']>;

/**
 * The server's excerpt starts with the title when the hit is near the start ("title　body…");
 * under a title that is already shown, keep only the body part (marks shifted to match).
 */
export const withoutTitle = (snippet: Snippet, title: string): Snippet => {
  // The server joins title and body with an ideographic space (U+3000).
  const prefix = `${title}\u3000`;
  if (!snippet.text.startsWith(prefix)) return snippet;
  const n = prefix.length;
  return {
    text: snippet.text.slice(n),
    marks: snippet.marks.flatMap(([a, b]) => (a !== undefined && b !== undefined && b > n ? [[Math.max(a, n) - n, b - n]] : [])),
  };
};

/**
 * A search hit's excerpt with the matched words in <mark>: the server sends positions, never
 * HTML, and the text is rendered as React text nodes, so nothing in a case body can inject markup.
 */
export const Highlight = ({ snippet }: { snippet: Snippet }) => {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of snippet.marks) {
    if (start === undefined || end === undefined || start < at || end <= start) continue;
    if (start > at) parts.push(snippet.text.slice(at, start));
    parts.push(<mark key={start}>{snippet.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < snippet.text.length) parts.push(snippet.text.slice(at));
  return <span className="fz-snippet">{parts}</span>;
};
