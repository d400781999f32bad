// Calls to /api/v1 through the router. The token lives in sessionStorage for this tab only; it never goes in a URL.

const KEY = 'strata.session';

/** An answer of 4xx or 5xx, with the problem's detail: what is wrong and what to do. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || 'HTTP ' + status);
    this.status = status;
    this.title = title;
  }
}

/** The signed-in user: {token, expiresAt, username, roles}, or null. */
export function session() {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const value = JSON.parse(stored);
  if (value.expiresAt && new Date(value.expiresAt) <= new Date()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return value;
}

export function isAdmin() {
  return (session()?.roles || []).includes('admin');
}

/** Whether the signed-in user may change things that are theirs (readers may not). */
export function mayChange(owners) {
  const me = session();
  if (!me) return false;
  if (me.roles.includes('admin')) return true;
  return me.roles.includes('owner') && (!owners || owners.includes(me.username));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

let onUnauthorized = () => {};

/** What to do when the token is refused (expired, revoked): sign in again. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** One call; resolves to the JSON answer (null when there is none) or rejects with an ApiError. */
export async function call(method, path, body) {
  const headers = {Accept: 'application/json'};
  const token = session()?.token;
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch('/api/v1' + path, {method, headers, body: body === undefined ? undefined :
      JSON.stringify(body), cache: 'no-store'});
  } catch (error) {
    throw new ApiError(0, 'Network error', 'The router at ' + location.origin + ' does not answer (' + error.message
        + '). Is it running? `make status` shows what runs.');
  }
  const text = await response.text();
  const json = text ? parseJson(text) : null;
  if (response.status === 401 && token) {
    signOut();
    onUnauthorized(json?.detail);
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.title || response.statusText, json?.detail);
  }
  return json;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {detail: text};
  }
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const del = (path) => call('DELETE', path);

/** A path segment, escaped. */
export const seg = (value) => encodeURIComponent(value);

/** Signs in with a user name and password, then learns the user's roles. */
export async function signIn(username, password) {
  const issued = await call('POST', '/auth/token', {username, password});
  sessionStorage.setItem(KEY, JSON.stringify({token: issued.token, expiresAt: issued.expiresAt, username,
    roles: []}));
  const me = await get('/users/me');
  sessionStorage.setItem(KEY, JSON.stringify({token: issued.token, expiresAt: issued.expiresAt,
    username: me.username, roles: me.roles}));
}
