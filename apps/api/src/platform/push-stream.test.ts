import { describe, expect, it } from 'vitest';
import { maxPulledBacklog, type PushObserver, pushSourceOf, pushStream, SubscriberTooSlowError } from './push-stream';

/** A push source driven by hand: what it was told, and whether it was stopped. */
function manualSource<T>() {
  const state = { starts: 0, stops: 0, observer: undefined as PushObserver<T> | undefined };
  const stream = pushStream<T>((observer) => {
    state.starts++;
    state.observer = observer;
    return () => {
      state.stops++;
    };
  });
  return { stream, state };
}

describe('pushStream read by pulling (tRPC caller, server-sent events)', () => {
  it('starts on the first read, yields values in order, and stops the source once when the reader leaves', async () => {
    const { stream, state } = manualSource<number>();
    const iterator = stream[Symbol.asyncIterator]();
    expect(state.starts).toBe(0);
    const first = iterator.next();
    expect(state.starts).toBe(1);
    state.observer!.next(1);
    state.observer!.next(2);
    expect(await first).toEqual({ value: 1, done: false });
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    const pending = iterator.next();
    await iterator.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    await iterator.return!();
    expect(state.stops).toBe(1);
    // Values after the reader left go nowhere.
    state.observer!.next(3);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('hands over queued values before an error, and stops the source', async () => {
    const { stream, state } = manualSource<string>();
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    state.observer!.next('a');
    state.observer!.error(new Error('backlog unavailable'));
    expect(await first).toEqual({ value: 'a', done: false });
    await expect(iterator.next()).rejects.toThrow('backlog unavailable');
    expect(state.stops).toBe(1);
  });

  it('ends a reader that falls too far behind with an error instead of queuing without limit', async () => {
    const { stream, state } = manualSource<number>();
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    for (let i = 0; i <= maxPulledBacklog + 1; i++) state.observer!.next(i);
    expect(await first).toEqual({ value: 0, done: false });
    await expect(iterator.next()).rejects.toBeInstanceOf(SubscriberTooSlowError);
    expect(state.stops).toBe(1);
  });

  it('stops a source that completes while it starts, and reports done', async () => {
    let stops = 0;
    const stream = pushStream<number>((observer) => {
      observer.next(7);
      observer.complete();
      return () => {
        stops++;
      };
    });
    const values: number[] = [];
    for await (const value of stream) values.push(value);
    expect(values).toEqual([7]);
    expect(stops).toBe(1);
  });

  it('is recognised as a push source; other values are not', () => {
    expect(pushSourceOf(pushStream(() => () => undefined))).toBeTypeOf('function');
    expect(pushSourceOf((async function* () {})())).toBeUndefined();
    expect(pushSourceOf(null)).toBeUndefined();
  });
});
