import { useEffect, useState } from 'react';

/**
 * A link that downloads `markdown` as a file (an object URL: following it is a navigation, which
 * the CSP allows), and the text itself in a disclosure for copying or when the download fails.
 */
export function MarkdownDownload({ markdown, filename, label = 'Download as Markdown' }: { markdown: string; filename: string; label?: string }) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    try {
      url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
      setHref(url);
    } catch {
      setHref(null);
    }
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [markdown]);

  return (
    <div className="markdown-download no-print">
      {href ? (
        <a className="btn btn--secondary" href={href} download={filename}>
          {label}
        </a>
      ) : null}
      <details className="markdown-download__text" open={!href}>
        <summary>{href ? 'Show the Markdown' : 'The Markdown (copy it from here)'}</summary>
        <pre>{markdown}</pre>
      </details>
    </div>
  );
}
