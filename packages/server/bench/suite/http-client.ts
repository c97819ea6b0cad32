// The suite's HTTP client: real requests through undici (global fetch) to an app listening on 127.0.0.1, logged
// in like the browser is (POST /api/auth/login → dj_session cookie; the CSRF token matters only for writes).
import { SESSION_COOKIE } from '../../src/platform/auth.js';

export interface HttpSession {
  baseUrl: string;
  username: string;
  cookie: string;
  csrf: string;
}

export async function login(baseUrl: string, username: string, password: string): Promise<HttpSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`登录失败 / login failed: ${username} → ${res.status} ${body}`);
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error(`login ${username}: no ${SESSION_COOKIE} cookie`);
  return { baseUrl, username, cookie: session, csrf: (JSON.parse(body) as { csrfToken: string }).csrfToken };
}

/** GET as `session`; anything but 200 is a crash of the benchmark (an endpoint that fails is not timed). */
export async function getJson(session: HttpSession, path: string): Promise<unknown> {
  const res = await fetch(`${session.baseUrl}${path}`, { headers: { cookie: session.cookie } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} as ${session.username} → ${res.status} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}
