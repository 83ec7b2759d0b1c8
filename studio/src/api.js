// The public API, called with the session cookie; writes carry the session's CSRF token. Every failure is an ApiError
// carrying the problem+json the service answered.

let csrfToken = null;
let sessionEnded = () => {};

export function setCsrfToken(token) {
  csrfToken = token;
}

/** What to do when a call finds the session over (expired, or ended elsewhere): sign in again. */
export function onSessionEnded(handler) {
  sessionEnded = handler;
}

/** A failed call: the HTTP status and the problem document (type, title, detail, violations). */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.headers = headers;
  }

  /** The violations naming this field, or none. */
  violationsOf(field) {
    return (this.problem.violations ?? []).filter((v) => v.field === field || v.field.startsWith(`${field}[`));
  }
}

function idempotencyKey() {
  if (globalThis.crypto?.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Calls /api/v1{path}. Options: body (sent as JSON, or as is when it is a Blob or FormData), headers. Answers
 * {status, etag, headers, body} (body parsed when JSON); throws an ApiError for any status from 400 up.
 */
export async function api(method, path, options = {}) {
  const headers = { Accept: 'application/json', ...options.headers };
  let body = options.body;
  if (body !== undefined && !(body instanceof Blob) && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  if (method === 'POST' && !headers['Idempotency-Key']) {
    headers['Idempotency-Key'] = idempotencyKey();
  }
  let response;
  try {
    // never from the browser's cache: what it kept of an anonymous read (public, max-age) is not this person's answer
    response = await fetch(`/api/v1${path}`, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { type: 'network', detail: String(e) });
  }
  const type = response.headers.get('Content-Type') ?? '';
  const parsed = type.includes('json') && response.status !== 204 ? await response.json() : null;
  if (response.status === 401 && csrfToken && !(method === 'POST' && path === '/session')) {
    sessionEnded();
  }
  if (response.status >= 400) {
    throw new ApiError(response.status, parsed, response.headers);
  }
  return { status: response.status, etag: response.headers.get('ETag'), headers: response.headers, body: parsed };
}

/** The first page of a keyset-paged list: {items, nextCursor}. */
export async function firstPage(path, limit = 20) {
  const separator = path.includes('?') ? '&' : '?';
  return (await api('GET', `${path}${separator}limit=${limit}`)).body;
}

/**
 * POSTs a form (a file upload) reporting progress: {@code onProgress(fraction)} as bytes go out. Answers as
 * {@link api} does; fetch cannot report an upload's progress, XMLHttpRequest can.
 */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1${path}`);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Idempotency-Key', idempotencyKey());
    if (csrfToken) {
      request.setRequestHeader('X-CSRF-Token', csrfToken);
    }
    request.upload.addEventListener('progress', (event) => event.lengthComputable && onProgress(event.loaded / event.total));
    request.addEventListener('load', () => {
      let body = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        body = null;
      }
      if (request.status >= 400) {
        reject(new ApiError(request.status, body, { get: (name) => request.getResponseHeader(name) }));
      } else {
        resolve({ status: request.status, etag: request.getResponseHeader('ETag'), body });
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, { type: 'network' })));
    request.send(form);
  });
}
