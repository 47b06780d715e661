import { useCallback, useRef, useState } from 'react';

/**
 * useReducer whose latest state can also be read synchronously (`get`), so that several key
 * presses handled in one go (a chunk like `hello⏎`) each see the effect of the previous one.
 */
export function useRefReducer<S, A>(
  reducer: (s: S, a: A) => S,
  initial: S | (() => S),
): [S, (a: A) => S, () => S, (s: S) => void] {
  const [state, setState] = useState<S>(initial);
  const ref = useRef<S>(state);
  const dispatch = useCallback(
    (a: A) => {
      ref.current = reducer(ref.current, a);
      setState(ref.current);
      return ref.current;
    },
    [reducer],
  );
  const get = useCallback(() => ref.current, []);
  const reset = useCallback((s: S) => {
    ref.current = s;
    setState(s);
  }, []);
  return [state, dispatch, get, reset];
}

/** A piece of state kept above a screen (so it survives switching screens), handed down whole. */
export interface StateBox<S, A> {
  state: S;
  dispatch: (a: A) => S;
  get: () => S;
}

/** useRefReducer packaged as a StateBox. */
export function useStateBox<S, A>(reducer: (s: S, a: A) => S, initial: S | (() => S)): StateBox<S, A> {
  const [state, dispatch, get] = useRefReducer(reducer, initial);
  return { state, dispatch, get };
}
