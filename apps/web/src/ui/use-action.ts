import { useState } from 'react';

export type ActionOutcome = { ok: true; text: string } | { ok: false; error: unknown };

/** A button's action: busy while it runs, then its outcome to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome>();
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome({ ok: true, text: await action() });
    } catch (error) {
      setOutcome({ ok: false, error });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run };
}
