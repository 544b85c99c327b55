import { DependencyList, useCallback, useEffect, useState } from 'react';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'done'; data: T };

/** Loads once per change of `deps`; `reload` asks again. An answer that arrives after a newer request is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> & { reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded((previous) => (previous.state === 'done' && round > 0 ? previous : { state: 'loading' }));
    load().then(
      (data) => current && setLoaded({ state: 'done', data }),
      (error: unknown) => current && setLoaded({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // `load` is new at each render; `deps` say when it asks for something else.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...loaded, reload };
}
