import type { FastifyRequest } from 'fastify';
import { fieldError } from './errors';

/**
 * Characters no person types into a form and PostgreSQL or a reader cannot take: NUL and the
 * other C0/C1 controls (tab, line feed and carriage return are text), the bidirectional
 * overrides and isolates that make a name read backwards (U+202A–U+202E, U+2066–U+2069), and
 * lone UTF-16 surrogates, which are not Unicode at all.
 */
const unacceptable =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

/** The path (`body.name`, `query.q`, `params.id`) of the first string holding such a character. */
export function unacceptableTextAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return unacceptable.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = unacceptableTextAt(value[i], `${path}.${i}`);
      if (at) return at;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = unacceptableTextAt(key, `${path}.${key}`) ?? unacceptableTextAt(item, `${path}.${key}`);
      if (at) return at;
    }
  }
  return null;
}

/** preValidation hook: refuses such text anywhere in the request, naming the field, before any use case runs. */
export async function refuseUnacceptableText(request: FastifyRequest) {
  const at =
    unacceptableTextAt(request.params, 'params') ??
    unacceptableTextAt(request.query, 'query') ??
    unacceptableTextAt(request.body, 'body');
  if (at) throw fieldError(at, 'control_character');
}
