// Thin client for Lupe's JSON API. Every failure becomes an ApiError with a German message
// that the page can show as it is.

export class ApiError extends Error {
  constructor(message, { code = 'error', status = 0 } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

async function get_json(path, signal) {
  let response;
  try {
    response = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError('Der Suchdienst ist nicht erreichbar. Bitte später erneut versuchen.',
                       { code: 'network' });
  }
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    body = null;
  }
  if (!response.ok || body === null || typeof body !== 'object') {
    const error = body && body.error;
    const message = error && error.message
      ? error.message
      : `Unerwartete Antwort des Servers (HTTP ${response.status}).`;
    throw new ApiError(message, { code: (error && error.code) || 'http', status: response.status });
  }
  return body;
}

export function search(query_string, signal) {
  return get_json(`/api/search?${query_string}`, signal);
}

export function article(id, signal) {
  return get_json(`/api/articles/${encodeURIComponent(id)}`, signal);
}

export function related(id, signal) {
  return get_json(`/api/articles/${encodeURIComponent(id)}/related`, signal);
}

export function similar(id, signal) {
  return get_json(`/api/articles/${encodeURIComponent(id)}/similar?limit=100`, signal);
}

export function suggest(q, signal) {
  return get_json(`/api/suggest?${new URLSearchParams({ q })}`, signal);
}

export function health(signal) {
  return get_json('/api/health', signal);
}
