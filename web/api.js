// The JSON API of `pactgraph serve` (spec/OUTPUT.md "HTTP API").

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

/** GET /api/<name>?params; resolves to the JSON, rejects with ApiError. */
export async function api(name, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') qs.set(k, v);
  const q = qs.toString();
  const res = await fetch('api/' + name + (q ? '?' + q : ''), { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, (body && body.error) || `HTTP ${res.status}`);
  return body;
}
