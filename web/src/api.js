// The HTTP API of `decarbfund serve` (docs/api.yaml). Errors carry the server's diagnostics.

export class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error;
    super(e ? e.message : `HTTP ${status}`);
    this.status = status;
    this.diagnostics = (e && e.diagnostics) || [];
  }
}

async function call(method, path, body, { token, signal } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(path, {
    method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

export const api = {
  health: () => call('GET', '/api/health'),
  dataset: () => call('GET', '/api/dataset'),
  scenarios: () => call('GET', '/api/scenarios'),
  outlook: (diff, signal) => call('POST', '/api/outlook', diff, { signal }),
  deals: () => call('GET', '/api/deals'),
  emitters: () => call('GET', '/api/emitters'),
  smeRounds: () => call('GET', '/api/sme/rounds'),
  // The registry's portfolio report (`registry report --json`); null when the server runs
  // without --registry (404), so the dashboard can say so instead of failing.
  registryDeals: async () => {
    try {
      return await call('GET', '/api/registry/deals');
    } catch (e) {
      if (e.status === 404) return null;
      throw e;
    }
  },
  montecarlo: (diff, draws, signal) => call('POST', '/api/montecarlo', { scenario: diff, draws }, { signal }),
  saved: () => call('GET', '/api/saved'),
  savedOne: (id) => call('GET', `/api/saved/${encodeURIComponent(id)}`),
  save: (name, diff, token) => call('POST', '/api/saved', { name, diff }, { token }),
};
