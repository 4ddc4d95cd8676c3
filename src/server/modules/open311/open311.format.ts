/**
 * GeoReport v2 output: XML (schemaless, UTF-8 declaration) and JSON by the Spark convention the
 * spec names: the XML root of a list becomes a JSON array of its items.
 */
export type Open311Format = 'json' | 'xml';

/** The element names of list items: `services` holds `service`, `attributes` holds `attribute` ... */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
};

/** Text for XML: markup escaped, and the control characters XML 1.0 forbids dropped. */
function xmlText(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    out += '&<>"\''.includes(ch) ? `&#${code};` : ch;
  }
  return out;
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

/** `root` is the XML root (services, service_requests, service_definition, errors ...). */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}

export function contentType(format: Open311Format): string {
  return format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8';
}

export function render(format: Open311Format, root: string, value: unknown): string {
  return format === 'xml' ? toXml(root, value) : JSON.stringify(value);
}

/** `requests/AJ20260101-000001.xml` → id and format; null when the suffix is not .json or .xml. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1]!, format: m[2] as Open311Format } : null;
}

/** The format of any URL under /open311/v2 (for errors of requests that matched no route). */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

/** Mobile and ID numbers in free text are masked before anything is shown publicly. */
export function scrubPersonalData(text: string): string {
  return text
    .replace(
      /(?<!\d)([1-9]\d{5})(\d{8})(\d{3}[\dXx])(?!\d)/g,
      (_m, a: string, _b, c: string) => `${a}********${c}`,
    )
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
}
