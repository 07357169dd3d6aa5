/**
 * The console's own script and styles, served from this server so its CSP needs no inline code.
 * The script renews the host components' session token before it expires (and at once when a
 * component reports `session_token_expired`), through the cookie session; a session that ended
 * sends the browser back to the sign-in page.
 */
export const CONSOLE_JS = `const meta = document.querySelector('meta[name="openslot-token-expires"]');
let expiresAt = Date.parse(meta ? meta.content : '');
let renewing = null;
let timer;

function schedule() {
  clearTimeout(timer);
  const lifetime = expiresAt - Date.now();
  timer = setTimeout(renew, Math.max(lifetime - 120000, lifetime / 2, 5000));
}

function renew() {
  renewing ??= (async () => {
    const res = await fetch('/console/session-token', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (res.status === 401) return location.assign('/console/sign-in');
    if (!res.ok) throw new Error('console: no new session token (' + res.status + ')');
    const next = await res.json();
    for (const element of document.querySelectorAll('[token]')) element.setAttribute('token', next.token);
    expiresAt = Date.parse(next.expiresAt);
    schedule();
  })().finally(() => { renewing = null; });
  return renewing;
}

document.addEventListener('openslot-error', (event) => {
  if (event.detail && event.detail.error && event.detail.error.code === 'session_token_expired') renew();
});
if (expiresAt) schedule();
`;

export const CONSOLE_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1f2937;background:#f9fafb}
main{max-width:64rem;margin:2rem auto;padding:0 1rem}
section{background:#fff;border:1px solid #e5e7eb;border-radius:.5rem;padding:1rem;margin:1rem 0}
label{display:block;margin:.5rem 0 .25rem}input{font:inherit;padding:.4rem;width:min(100%,24rem)}
button{font:inherit;padding:.5rem 1rem;margin-top:.75rem;cursor:pointer}
.sessions{list-style:none;padding:0}.sessions li{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}.sessions form{margin:0}
.sign-out{float:right}
[role=alert]{color:#b91c1c}
`;
