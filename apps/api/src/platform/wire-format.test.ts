import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { isPlainJson, wireFormat } from './wire-format';

const shared = { a: 1 };
const holey: unknown[] = [1];
holey[2] = 3;

const plain: [string, unknown][] = [
  ['null', null],
  ['string', 'text'],
  ['numbers', [0, 1.5, -2, Number.MAX_SAFE_INTEGER]],
  ['booleans', [true, false]],
  ['nested objects and arrays', { id: 'x', data: { entities: ['applications', 'jobs'], nested: [{ deep: [1, [2, [3]]] }] } }],
  ['empty containers', { a: {}, b: [] }],
  ['null prototype object', Object.assign(Object.create(null) as object, { a: 1 })],
  ['tracked live change', { id: 'ab12cd34.1-7', data: { entities: ['applications'] } }],
];

const special: [string, unknown][] = [
  ['undefined', undefined],
  ['Date', { at: new Date('2026-01-02T03:04:05.000Z') }],
  ['undefined property', { a: undefined }],
  ['NaN', [Number.NaN]],
  ['Infinity', { x: Number.POSITIVE_INFINITY }],
  ['-0', [-0]],
  ['bigint', { n: 10n }],
  ['Map', new Map([['a', 1]])],
  ['Set', { s: new Set([1]) }],
  ['RegExp', /x/g],
  ['class instance', new (class Point { x = 1 })()],
  ['array hole', holey],
  ['shared reference', { one: shared, two: shared }],
];

describe('wire format', () => {
  it.each(plain)('sends %s exactly as superjson does, without its walk', (_, value) => {
    expect(isPlainJson(value)).toBe(true);
    expect(wireFormat.serialize(value)).toEqual(superjson.serialize(value));
    expect(wireFormat.deserialize(JSON.parse(JSON.stringify(wireFormat.serialize(value))))).toEqual(value);
  });

  it.each(special)('leaves %s to superjson, so it reads back the same', (_, value) => {
    expect(isPlainJson(value)).toBe(false);
    const sent = wireFormat.serialize(value);
    expect(sent).toEqual(superjson.serialize(value));
    const readBack = JSON.parse(JSON.stringify(superjson.serialize(value))) as Parameters<typeof superjson.deserialize>[0];
    expect(wireFormat.deserialize(JSON.parse(JSON.stringify(sent)))).toEqual(superjson.deserialize(readBack));
  });

  it('hands very deep trees to superjson', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i++) deep = { next: deep };
    expect(isPlainJson(deep)).toBe(false);
    expect(wireFormat.serialize(deep)).toEqual(superjson.serialize(deep));
  });

  it('never takes a __proto__ key on the fast path', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    expect(isPlainJson(value)).toBe(false);
  });
});
