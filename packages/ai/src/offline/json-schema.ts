import type { Rng } from './random';
import { genericAdjectives, genericNouns, genericVerbs } from './words';

/** The slice of JSON Schema (draft 7 / 2020-12, as zod and the AI SDK emit it) the filler reads. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  format?: string;
  pattern?: string;
  default?: unknown;
};

export interface FillOptions {
  rng: Rng;
  /** Words from the prompt, so generic text is at least about the right thing. */
  topicWords: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 32; hops++) {
    const path = current.$ref.replace(/^#\/?/, '').split('/').filter(Boolean);
    let target: unknown = root;
    for (const part of path) target = isObject(target) ? target[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))] : undefined;
    if (!isObject(target)) return {};
    current = target;
  }
  return current;
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items || schema.prefixItems) return ['array'];
  return [];
}

function typeOfValue(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value;
  if (isObject(value)) return 'object';
  return undefined;
}

function accepts(types: string[], value: unknown): boolean {
  const type = typeOfValue(value);
  if (!type) return false;
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/**
 * A value that satisfies `schema`, taking `preferred` (a domain generator's draft) wherever it
 * fits and clamping it where it does not (lengths, ranges, item counts). Deterministic for a
 * given rng state.
 */
export function fillSchema(schema: JsonSchema, preferred: unknown, options: FillOptions, key = '', root: JsonSchema = schema): unknown {
  const resolved = resolveRef(schema, root);
  if (resolved.allOf?.length) {
    const merged = resolved.allOf.reduce<JsonSchema>((acc, part) => ({ ...acc, ...resolveRef(part, root) }), { ...resolved, allOf: undefined });
    return fillSchema(merged, preferred, options, key, root);
  }
  const branches = resolved.anyOf ?? resolved.oneOf;
  if (branches?.length) {
    const candidates = branches.map((b) => resolveRef(b, root));
    const matching = candidates.find((b) => accepts(typesOf(b), preferred));
    const nonNull = candidates.find((b) => !typesOf(b).every((t) => t === 'null'));
    return fillSchema(matching ?? nonNull ?? candidates[0]!, preferred, options, key, root);
  }
  if ('const' in resolved) return resolved.const;
  if (resolved.enum?.length) {
    return resolved.enum.some((v) => v === preferred) ? preferred : options.rng.pick(resolved.enum);
  }
  const types = typesOf(resolved);
  const chosen = accepts(types, preferred)
    ? (typeOfValue(preferred) === 'integer' && !types.includes('integer') ? 'number' : typeOfValue(preferred)!)
    : (types.find((t) => t !== 'null') ?? types[0] ?? 'string');
  switch (chosen) {
    case 'object':
      return fillObject(resolved, preferred, options, root);
    case 'array':
      return fillArray(resolved, preferred, options, key, root);
    case 'integer':
    case 'number':
      return fillNumber(resolved, chosen === 'integer', preferred, options);
    case 'boolean':
      return typeof preferred === 'boolean' ? preferred : options.rng.chance(0.5);
    case 'null':
      return null;
    default:
      return fillString(resolved, typeof preferred === 'string' ? preferred : undefined, options, key);
  }
}

function fillObject(schema: JsonSchema, preferred: unknown, options: FillOptions, root: JsonSchema) {
  const draft = isObject(preferred) ? preferred : {};
  const result: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    result[name] = fillSchema(property, draft[name], options, name, root);
  }
  return result;
}

function fillArray(schema: JsonSchema, preferred: unknown, options: FillOptions, key: string, root: JsonSchema) {
  const draft = Array.isArray(preferred) ? preferred : [];
  const min = schema.minItems ?? 0;
  const max = schema.maxItems ?? Math.max(min, 6);
  const tuple = schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : undefined);
  if (tuple) return tuple.map((item, i) => fillSchema(item, draft[i], options, key, root));
  const itemSchema = (schema.items as JsonSchema | undefined) ?? {};
  const wanted = draft.length ? draft.length : options.rng.int(Math.max(min, 1), Math.max(Math.min(max, min + 2), Math.max(min, 1)));
  const count = Math.min(Math.max(wanted, min), max);
  const singular = key.replace(/ies$/, 'y').replace(/s$/, '');
  return Array.from({ length: count }, (_, i) => fillSchema(itemSchema, draft[i], options, singular, root));
}

function bounds(schema: JsonSchema, integer: boolean): [number, number] {
  const step = integer ? 1 : 1e-6;
  let min = schema.minimum ?? -Infinity;
  let max = schema.maximum ?? Infinity;
  if (typeof schema.exclusiveMinimum === 'number') min = Math.max(min, schema.exclusiveMinimum + step);
  else if (schema.exclusiveMinimum === true && Number.isFinite(min)) min += step;
  if (typeof schema.exclusiveMaximum === 'number') max = Math.min(max, schema.exclusiveMaximum - step);
  else if (schema.exclusiveMaximum === true && Number.isFinite(max)) max -= step;
  if (integer) {
    min = Math.ceil(min);
    max = Math.floor(max);
  }
  return [min, max];
}

function fillNumber(schema: JsonSchema, integer: boolean, preferred: unknown, options: FillOptions) {
  const [min, max] = bounds(schema, integer);
  if (typeof preferred === 'number' && Number.isFinite(preferred)) {
    const value = Math.min(Math.max(preferred, min), max);
    return integer ? Math.round(value) : value;
  }
  // Schemas without bounds (or with the safe-integer bounds zod emits) get a friendly range.
  const low = Number.isFinite(min) && min > -1e6 ? min : 0;
  const high = Number.isFinite(max) && max < 1e6 ? max : low + 100;
  const value = low + options.rng.next() * (high - low);
  return integer ? Math.min(Math.max(Math.round(value), min), max) : Math.round(value * 100) / 100;
}

const capitalize = (word: string) => (word ? word[0]!.toUpperCase() + word.slice(1) : word);

function sentence(options: FillOptions): string {
  const { rng } = options;
  const topic = options.topicWords.length ? rng.pick(options.topicWords) : rng.pick(genericNouns);
  return `${capitalize(rng.pick(genericAdjectives))} ${topic} ${rng.pick(genericVerbs)} the ${rng.pick(genericAdjectives)} ${rng.pick(genericNouns)}.`;
}

function genericString(options: FillOptions, key: string): string {
  const { rng } = options;
  const lower = key.toLowerCase();
  if (/name|title|label/.test(lower)) return `${capitalize(rng.pick(genericAdjectives))} ${capitalize(options.topicWords.length ? rng.pick(options.topicWords) : rng.pick(genericNouns))}`;
  if (/description|summary|text|content|body|story|answer|reason|explanation/.test(lower)) {
    return Array.from({ length: rng.int(2, 3) }, () => sentence(options)).join(' ');
  }
  return sentence(options).replace(/\.$/, '');
}

function formatted(format: string, options: FillOptions): string | undefined {
  const { rng } = options;
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  switch (format) {
    case 'date-time':
      return new Date(Date.UTC(2020, 0, 1) + rng.int(0, 3650) * 86_400_000).toISOString();
    case 'date':
      return new Date(Date.UTC(2020, 0, 1) + rng.int(0, 3650) * 86_400_000).toISOString().slice(0, 10);
    case 'email':
      return `${rng.pick(genericNouns)}.${rng.int(1, 999)}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${rng.pick(genericNouns)}/${rng.int(1, 9999)}`;
    case 'uuid':
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
    default:
      return undefined;
  }
}

function fillString(schema: JsonSchema, preferred: string | undefined, options: FillOptions, key: string): string {
  const fromFormat = schema.format ? formatted(schema.format, options) : undefined;
  if (fromFormat) return fromFormat;
  let value = preferred?.trim() ? preferred.trim() : genericString(options, key);
  if (schema.pattern && !safeTest(schema.pattern, value)) {
    // A pattern the draft misses: fall back to plain letters, which most identifier patterns take.
    value = value.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'value';
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  while (value.length < min) value = `${value} ${sentence(options)}`.trim();
  if (value.length > max) {
    const cut = value.slice(0, max);
    const space = cut.lastIndexOf(' ');
    value = (space >= Math.max(min, 1) && space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd();
    if (value.length < min) value = cut;
  }
  return value;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}
