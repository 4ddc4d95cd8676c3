import { describe, expect, it } from 'vitest';
import { type Client, setupTestApp } from './app';
import { type Operation, operationsOf, type Schema, stateOfTables, urlOf } from './openapi';

/**
 * Schema-driven fuzzing of every operation the OpenAPI document lists: malformed JSON, a wrong
 * content type, missing, extra and mistyped fields, out-of-range numbers, long strings, NUL bytes
 * and lone surrogates, huge arrays, invalid ids and bad query parameters. Every answer must be a
 * 4xx application/problem+json (a type error names its field), never a 5xx, and afterwards no
 * row of any table has changed. Deterministic: the cases come from the document alone.
 */

const t = setupTestApp();

interface Probe {
  what: string;
  url: string;
  payload?: string;
  contentType?: string;
  /** the field path the answer must name (`body.x`, `query.y`, `params.id`) */
  names?: string;
  /** a value some fields accept (a search for "-1"): then any answer but a 5xx will do */
  mayPass?: boolean;
}

const LONG = 'x'.repeat(10_000);
// the last one is a well-formed id of nothing: 404, not a stream that breaks off
const BAD_IDS = ['abc', '-1', '0', '1.5', '9223372036854775808', '99999999999999999999', '%00', '999999999'];

function typesOf(schema: Schema | undefined): string[] {
  if (!schema) return [];
  if (schema.anyOf ?? schema.oneOf) return (schema.anyOf ?? schema.oneOf ?? []).flatMap(typesOf);
  if (schema.allOf) return schema.allOf.flatMap(typesOf);
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** A value no schema of these types accepts (null only when the field is not nullable). */
function wrongType(schema: Schema | undefined): unknown | undefined {
  const types = typesOf(schema);
  if (types.length === 0) return undefined;
  if (!types.includes('object')) return { nested: true };
  if (!types.includes('string') && !types.includes('number') && !types.includes('integer')) return 'text';
  if (!types.includes('array')) return [1, 2];
  return undefined;
}

/** Text no field takes, refused by name wherever it stands. */
const UNACCEPTABLE: [string, string][] = [
  ['a NUL byte', 'a\u0000b'],
  ['a lone surrogate', 'a\ud800b'],
  ['a right-to-left override', '\u202etxt.exe'],
];

/** Values that fit the type but push its limits, each with a name for the report. */
function edgeValues(schema: Schema | undefined): [string, unknown][] {
  const types = typesOf(schema);
  const out: [string, unknown][] = [];
  if (types.includes('string')) out.push(['a 10,000-character string', LONG]);
  if (types.includes('integer') || types.includes('number')) {
    out.push(['2^63', 2 ** 63]);
    out.push(['-2^63', -(2 ** 63)]);
    out.push(['1e308', 1e308]);
    if (types.includes('integer')) out.push(['a fraction', 1.5]);
    out.push(['a negative number', -1]);
  }
  if (types.includes('array'))
    out.push(['an array of 100,000 items', Array.from({ length: 100_000 }, () => 1)]);
  return out;
}

function probesOf(op: Operation): Probe[] {
  const probes: Probe[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    for (const value of BAD_IDS) {
      probes.push({ what: `path ${p.name}=${value}`, url: urlOf(op, { name: p.name, value }) });
    }
  }
  const base = urlOf(op);
  const join = base.includes('?') ? '&' : '?';
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const wrong = typesOf(p.schema).some((x) => x === 'integer' || x === 'number') ? 'not-a-number' : null;
    if (wrong)
      probes.push({
        what: `query ${p.name} mistyped`,
        url: `${base}${join}${p.name}=${wrong}`,
        names: `query.${p.name}`,
      });
    probes.push({
      what: `query ${p.name} with NUL`,
      url: `${base}${join}${p.name}=a%00`,
      names: `query.${p.name}`,
    });
    for (const value of [LONG, '-1', '9223372036854775808', '%F0%28%8C%28']) {
      probes.push({
        what: `query ${p.name}=${value.slice(0, 12)}`,
        url: `${base}${join}${p.name}=${value}`,
        mayPass: true,
      });
    }
  }
  probes.push({ what: 'an unknown query parameter', url: `${base}${join}zz_unknown=1` });
  if (op.method === 'GET' || op.method === 'DELETE') return probes;

  const json = op.body?.type.startsWith('application/json') ?? false;
  probes.push({ what: 'malformed JSON', url: base, payload: '{"a": ', contentType: 'application/json' });
  if (!op.body) return probes;
  probes.push({ what: 'a wrong content type', url: base, payload: 'a=1', contentType: 'text/plain' });
  if (!json) return probes;
  const schema = op.body.schema;
  if (schema.required?.length)
    probes.push({ what: 'an empty object', url: base, payload: '{}', contentType: 'application/json' });
  probes.push({ what: 'a JSON array', url: base, payload: '[1,2]', contentType: 'application/json' });
  probes.push({ what: 'JSON null', url: base, payload: 'null', contentType: 'application/json' });
  probes.push({
    what: 'an extra field',
    url: base,
    payload: JSON.stringify({ zz_unknown: 1 }),
    contentType: 'application/json',
  });
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const wrong = wrongType(field);
    if (wrong !== undefined) {
      probes.push({
        what: `body ${name} mistyped`,
        url: base,
        payload: JSON.stringify({ [name]: wrong }),
        contentType: 'application/json',
        names: `body.${name}`,
      });
    }
    if (typesOf(field).includes('string')) {
      for (const [label, value] of UNACCEPTABLE) {
        probes.push({
          what: `body ${name}: ${label}`,
          url: base,
          payload: JSON.stringify({ [name]: value }),
          contentType: 'application/json',
          names: `body.${name}`,
        });
      }
    }
    for (const [label, value] of edgeValues(field)) {
      probes.push({
        what: `body ${name}: ${label}`,
        url: base,
        payload: JSON.stringify({ [name]: value }),
        contentType: 'application/json',
      });
    }
  }
  return probes;
}

async function fuzz(client: Client, ops: Operation[]) {
  const failures: string[] = [];
  let sent = 0;
  for (const op of ops) {
    for (const probe of probesOf(op)) {
      sent++;
      const where = `${op.method} ${op.path} [${probe.what}] as ${client.username}`;
      const res = await client
        .request({
          method: op.method as 'GET',
          url: probe.url,
          ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
          headers: {
            ...(probe.contentType ? { 'content-type': probe.contentType } : {}),
            'idempotency-key': 'fuzz-0001',
          },
        })
        .catch((err: Error) => err);
      if (res instanceof Error) {
        failures.push(`${where}: no answer (${res.message})`);
        continue;
      }
      if (res.statusCode >= 500) {
        failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      if (res.statusCode < 400 && probe.mayPass) continue;
      if (res.statusCode < 400) {
        failures.push(`${where}: accepted with ${res.statusCode}`);
        continue;
      }
      if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
        failures.push(`${where}: ${res.statusCode} as ${res.headers['content-type']}`);
        continue;
      }
      // a rate limit answers before validation does, as it should
      if (probe.names && res.statusCode !== 429) {
        const paths = ((res.json().errors ?? []) as { path: string }[]).map((e) => e.path);
        if (!paths.some((p) => p === probe.names || p.startsWith(`${probe.names}.`))) {
          failures.push(
            `${where}: ${res.statusCode} without naming ${probe.names} (named ${paths.join(', ') || 'nothing'})`,
          );
        }
      }
    }
  }
  return { failures, sent };
}

describe('every operation of the OpenAPI document, fuzzed', () => {
  it('answers bad input with a 4xx problem naming the field, never a 5xx, and writes nothing', async () => {
    const doc = (await t.anonymous().get('/api/docs/json')).json();
    const ops = operationsOf(doc).filter((op) => op.path.startsWith('/api/v1/'));
    expect(ops.length).toBeGreaterThan(150);
    const clients = [await t.login('district_admin'), await t.login('resident'), await t.login('property')];
    const before = await stateOfTables(t.ctx);
    const failures: string[] = [];
    let sent = 0;
    for (const client of clients) {
      const run = await fuzz(client, ops);
      failures.push(...run.failures);
      sent += run.sent;
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(15_000);
    expect(await stateOfTables(t.ctx)).toEqual(before);
  }, 600_000);
});
