/**
 * Reveal and Copy. The value enters the page only after the user clicks Reveal, and leaves it
 * again after 20 s (or on Hide). Copy: the desktop app copies in the main process
 * (`secret.copy`); web mode fetches the value and writes the clipboard, clearing it after 20 s
 * if it still holds that value.
 */
import { useEffect, useState } from 'react';
import { SECRET_CLEAR_AFTER_SECONDS } from '../../../../shared/api.js';
import { useApiClient } from '../../api/context.js';
import { useApp } from '../../stores/store-context.js';

export const REVEAL_SECONDS = SECRET_CLEAR_AFTER_SECONDS;

export function RevealValue({ secret, hasValue }: { secret: string; hasValue: boolean }) {
  const { api, transport } = useApiClient();
  const pushError = useApp((s) => s.pushError);
  const pushToast = useApp((s) => s.pushToast);
  const [value, setValue] = useState<string | null>(null);
  const [seconds, setSeconds] = useState(0);

  useEffect(() => {
    if (value === null) return;
    const t = setTimeout(() => {
      if (seconds <= 1) setValue(null);
      else setSeconds(seconds - 1);
    }, 1000);
    return () => clearTimeout(t);
  }, [value, seconds]);

  const reveal = async () => {
    const r = await api.invoke('secret.reveal', { secret });
    if (!r.ok) return pushError(r.error, 'Could not reveal the value');
    setValue(r.value.value);
    setSeconds(Math.min(REVEAL_SECONDS, r.value.clearAfterSeconds || REVEAL_SECONDS));
  };

  const copy = async () => {
    if (transport === 'desktop') {
      const r = await api.invoke('secret.copy', { secret });
      if (!r.ok) return pushError(r.error, 'Could not copy the value');
      pushToast({ tone: 'info', title: `Copied ${secret}; the clipboard clears in ${r.value.clearAfterSeconds} s` });
      return;
    }
    const r = await api.invoke('secret.reveal', { secret });
    if (!r.ok) return pushError(r.error, 'Could not copy the value');
    const copied = r.value.value;
    try {
      await navigator.clipboard.writeText(copied);
    } catch {
      return pushError({ code: 'INTERNAL', message: 'The browser refused clipboard access.', fix: 'Use Reveal and copy the value by hand, or allow clipboard access for this page.' });
    }
    pushToast({ tone: 'info', title: `Copied ${secret}; the clipboard clears in ${REVEAL_SECONDS} s` });
    setTimeout(() => {
      void navigator.clipboard
        .readText()
        .then((now) => (now === copied ? navigator.clipboard.writeText('') : undefined))
        .catch(() => undefined);
    }, REVEAL_SECONDS * 1000);
  };

  return (
    <div className="reveal">
      <div className="reveal-value" aria-live="polite">
        {value === null ? (
          <span className="masked" aria-label="Value hidden">
            ••••••••••••••••
          </span>
        ) : (
          <>
            <code className="revealed" aria-label={`Value of ${secret}`}>
              {value}
            </code>
            <span className="muted reveal-timer">hides in {seconds} s</span>
          </>
        )}
      </div>
      {value === null ? (
        <button type="button" className="button button-small" onClick={() => void reveal()} disabled={!hasValue}>
          Reveal
        </button>
      ) : (
        <button type="button" className="button button-small" onClick={() => setValue(null)}>
          Hide
        </button>
      )}
      <button type="button" className="button button-small button-ghost" onClick={() => void copy()} disabled={!hasValue}>
        Copy
      </button>
    </div>
  );
}
