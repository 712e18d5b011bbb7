import { escapeHtml } from '../generation/jd.ts';

/**
 * The shell of the server-rendered pages candidates reach by a single-use link (self-identification,
 * privacy notice): no JavaScript, readable without CSS, every value escaped by the caller or here.
 */

/** Their own policy: inline styles only, no scripts, forms post only to this origin. */
export const PUBLIC_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Headers for every such response: the CSP above, never cached, no referrer (the token is in the URL), not indexed. */
export const PUBLIC_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PUBLIC_PAGE_CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
};

const STYLE = `
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2433;background:#f7f7f5}
main{max-width:42rem;margin:0 auto;padding:2rem 1.25rem 4rem}
header.site{border-bottom:1px solid #dcdcd6;background:#fff}
header.site p{max-width:42rem;margin:0 auto;padding:1rem 1.25rem;font-weight:600}
h2{font-size:1.2rem;margin:2rem 0 .5rem}
form{background:#fff;border:1px solid #dcdcd6;border-radius:8px;padding:1rem 1.5rem;margin-top:1.5rem}
fieldset{border:0;padding:0;margin:1.25rem 0 0}
legend,label.block{font-weight:600;padding:0;display:block}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}
.choice label{margin:0}
textarea{width:100%;box-sizing:border-box;font:inherit;margin-top:.35rem}
button{margin-top:1.25rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1f4fb3;color:#fff;font:inherit;font-weight:600;cursor:pointer}
.error{color:#a0231a;margin:.25rem 0 0}
.notice{padding:.75rem 1rem;border-radius:6px;margin:1rem 0}
.notice.ok{background:#e3f4e8;border:1px solid #7cc495}
.notice.bad{background:#fbe9e7;border:1px solid #e0a39b}
`;

/** A whole page: the organization's name as the header, `body` (already escaped HTML) as the content. */
export function publicPage(title: string, orgName: string, body: string, extraStyle = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${extraStyle}</style>
</head>
<body>
<header class="site"><p>${escapeHtml(orgName)}</p></header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** A page with a heading and one message (thank-you, link used, expired, not found, too many attempts). */
export function publicMessage(title: string, orgName: string, message: string, tone: 'ok' | 'bad' | null = null): string {
  const p = tone ? `<div class="notice ${tone}" role="${tone === 'ok' ? 'status' : 'alert'}">${escapeHtml(message)}</div>` : `<p>${escapeHtml(message)}</p>`;
  return publicPage(title, orgName, `<h1>${escapeHtml(title)}</h1>\n${p}`);
}
