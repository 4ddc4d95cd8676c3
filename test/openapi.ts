import type { AppContext } from '../src/server/context';

/** The parts of an OpenAPI document the generated tests read. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxLength?: number;
  maxItems?: number;
  format?: string;
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { type: string; schema: Schema };
}

/** Every operation of an OpenAPI document, with its parameters and the schema of its body. */
export function operationsOf(doc: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)
        ?.content;
      const [type, media] = Object.entries(content ?? {})[0] ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body: type && media ? { type, schema: media.schema } : undefined,
      });
    }
  }
  return ops;
}

/** A value the parameter's schema accepts: its first enum value, a date, or id 1. */
export function validValue(p: Parameter | undefined): string {
  const schema = p?.schema;
  const choices = schema?.enum ?? (schema?.anyOf ?? schema?.oneOf ?? []).flatMap((s) => s.enum ?? []);
  if (choices.length) return String(choices[0]);
  if (schema?.format === 'date' || p?.name.toLowerCase().endsWith('date')) return '2026-12-07';
  return '1';
}

/** The path with every parameter filled by a valid value, or by `bad` for the one named. */
export function urlOf(op: Operation, bad?: { name: string; value: string }): string {
  let url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    bad?.name === name
      ? bad.value
      : validValue(op.parameters.find((p) => p.in === 'path' && p.name === name)),
  );
  const required = op.parameters.filter((p) => p.in === 'query' && p.required);
  if (required.length) url += `?${required.map((p) => `${p.name}=${validValue(p)}`).join('&')}`;
  return url;
}

/** Every table's row count and a digest of its rows, to prove that nothing was written. */
export async function stateOfTables(ctx: AppContext): Promise<Record<string, string>> {
  const tables = await ctx.database.pool.query<{ name: string }>(
    `select quote_ident(schemaname) || '.' || quote_ident(relname) as name from pg_stat_user_tables
      where schemaname = 'public' and relname <> 'session' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const r = await ctx.database.pool.query<{ n: string; h: string }>(
      `select count(*)::text as n, coalesce(sum(hashtext(x::text)::bigint), 0)::text as h from ${name} x`,
    );
    out[name] = `${r.rows[0]?.n}:${r.rows[0]?.h}`;
  }
  return out;
}
