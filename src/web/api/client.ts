import type { Problem } from '../../contracts/common';

/** An API error answered as application/problem+json; `detail` is already in the user's language. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }

  get status() {
    return this.problem.status;
  }

  get code() {
    return this.problem.code;
  }

  /** field errors by path without the `body.`/`query.` prefix, for forms */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.path.replace(/^(body|query|params)\./, '')] = e.message;
    return out;
  }
}

let csrfToken = '';
let language = 'zh-CN';
let onUnauthenticated: (() => void) | null = null;

export const apiState = {
  setCsrfToken(token: string) {
    csrfToken = token;
  },
  setLanguage(lang: string) {
    language = lang;
  },
  onUnauthenticated(fn: () => void) {
    onUnauthenticated = fn;
  },
};

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  query?: Query,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': language,
    ...extraHeaders,
  };
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(withQuery(`/api/v1${path}`, query), {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    const problem: Problem = type.includes('json')
      ? await res.json()
      : {
          type: 'about:blank',
          title: res.statusText,
          status: res.status,
          code: 'http',
          detail: res.statusText,
        };
    if (res.status === 401 && !path.startsWith('/auth/')) onUnauthenticated?.();
    throw new ProblemError(problem);
  }
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body ?? {}, undefined, headers),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Downloads a server-generated file (Excel exports) with the session cookie. */
export function downloadUrl(path: string, query?: Query): string {
  return withQuery(`/api/v1${path}`, { ...query, lang: language });
}
