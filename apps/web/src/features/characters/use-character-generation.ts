import type { CharacterForm, CharacterSection } from '@tessera/validation/characters';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import type { PartialSheet } from './sheet-state';

type Yielded<T> = T extends AsyncIterable<infer Item> ? Item : never;
/** One event of `characters.onGenerate`: a partial sheet, then the saved character. */
export type GenerationEvent = Yielded<RouterOutputs['characters']['onGenerate']>;
export type Character = RouterOutputs['characters']['get'];

export interface GenerationState {
  phase: 'idle' | 'streaming' | 'saved' | 'failed';
  sheet: PartialSheet;
  completed: CharacterSection[];
  character: Character | null;
  error: unknown;
  /** The form of the last attempt, so "Try again" repeats it. */
  form: CharacterForm | null;
  /** Bumps with every start, so late events of an abandoned stream are ignored. */
  run: number;
}

export type GenerationAction =
  | { type: 'start'; run: number; form: CharacterForm }
  | { type: 'event'; run: number; event: GenerationEvent }
  | { type: 'failed'; run: number; error: unknown }
  | { type: 'reset'; run: number };

export const initialGeneration: GenerationState = {
  phase: 'idle',
  sheet: {},
  completed: [],
  character: null,
  error: null,
  form: null,
  run: 0,
};

export function generationReducer(state: GenerationState, action: GenerationAction): GenerationState {
  switch (action.type) {
    case 'start':
      return { ...initialGeneration, phase: 'streaming', form: action.form, run: action.run };
    case 'event': {
      if (action.run !== state.run || state.phase !== 'streaming') return state;
      const { event } = action;
      if (event.type === 'partial') {
        return { ...state, sheet: event.sheet, completed: event.completed };
      }
      return { ...state, phase: 'saved', character: event.character, sheet: event.character.sheet, completed: [] };
    }
    case 'failed':
      if (action.run !== state.run || state.phase !== 'streaming') return state;
      return { ...state, phase: 'failed', error: action.error };
    case 'reset':
      return { ...initialGeneration, run: action.run };
  }
}

/**
 * Streams a generation over the `characters.onGenerate` subscription: the state fills in as
 * partial sheets arrive, then holds the saved character. Leaving the page cancels the stream
 * (the server stops the model call).
 */
export function useCharacterGeneration() {
  const utils = trpc.useUtils();
  const [state, dispatch] = useReducer(generationReducer, initialGeneration);
  const subscription = useRef<{ unsubscribe: () => void } | null>(null);
  const run = useRef(0);

  const stop = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = null;
  }, []);

  const start = useCallback(
    (form: CharacterForm) => {
      stop();
      run.current += 1;
      const current = run.current;
      dispatch({ type: 'start', run: current, form });
      subscription.current = utils.client.characters.onGenerate.subscribe(form, {
        onData: (event) => {
          dispatch({ type: 'event', run: current, event });
          if (event.type === 'saved') {
            utils.characters.get.setData({ id: event.character.id }, event.character);
            void utils.characters.list.invalidate();
            void utils.characters.quota.invalidate();
            stop();
          }
        },
        onError: (error) => {
          dispatch({ type: 'failed', run: current, error });
          void utils.characters.quota.invalidate();
          stop();
        },
      });
    },
    [stop, utils],
  );

  const reset = useCallback(() => {
    stop();
    run.current += 1;
    dispatch({ type: 'reset', run: run.current });
  }, [stop]);

  useEffect(() => stop, [stop]);

  return { state, start, reset };
}
