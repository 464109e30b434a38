/**
 * After a key is created: the user may ask to see its plaintext once. Nothing is fetched until
 * "Show the key once" is clicked; the value then stays on the page for at most 20 s (or until
 * Hide), and the button does not come back — closing the dialog drops it for good. Copy is its
 * own explicit act (desktop: the main process copies; web: the browser clipboard, cleared after
 * 20 s if it still holds the key). The value never goes into a toast, an event or the activity log.
 * A key written to a workspace secret is read through `secret.reveal`; a key kept in "the
 * keychain only" through `keys.reveal`.
 */
import { useEffect, useState } from 'react';
import { SECRET_CLEAR_AFTER_SECONDS } from '../../../../shared/api.js';
import { useApiClient } from '../../api/context.js';
import { useApp } from '../../stores/store-context.js';

export type KeyTarget = { secret: string } | { issuer: string; id: string };

export function ShowKeyOnce({ target, prefix }: { target: KeyTarget; prefix: string }) {
  const { api, transport } = useApiClient();
  const pushError = useApp((s) => s.pushError);
  const pushToast = useApp((s) => s.pushToast);
  const [value, setValue] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [seconds, setSeconds] = useState(0);

  useEffect(() => {
    if (value === null) return;
    const t = setTimeout(() => (seconds <= 1 ? setValue(null) : setSeconds(seconds - 1)), 1000);
    return () => clearTimeout(t);
  }, [value, seconds]);

  const fetchValue = async (): Promise<string | null> => {
    const r = 'secret' in target ? await api.invoke('secret.reveal', { secret: target.secret }) : await api.invoke('keys.reveal', target);
    if (!r.ok) {
      pushError(r.error, `Could not read ${prefix}… from the keychain`);
      return null;
    }
    return r.value.value;
  };

  const show = async () => {
    const v = await fetchValue();
    if (v === null) return;
    setShown(true);
    setValue(v);
    setSeconds(SECRET_CLEAR_AFTER_SECONDS);
  };

  const copy = async () => {
    if (transport === 'desktop') {
      const r = 'secret' in target ? await api.invoke('secret.copy', { secret: target.secret }) : await api.invoke('keys.copy', target);
      if (!r.ok) return pushError(r.error, `Could not copy ${prefix}…`);
      return pushToast({ tone: 'info', title: `Copied ${prefix}…; the clipboard clears in ${r.value.clearAfterSeconds} s` });
    }
    const copied = await fetchValue();
    if (copied === null) return;
    try {
      await navigator.clipboard.writeText(copied);
    } catch {
      return pushError({ code: 'INTERNAL', message: 'The browser refused clipboard access.', fix: 'Use "Show the key once" and copy it by hand, or allow clipboard access for this page.' });
    }
    pushToast({ tone: 'info', title: `Copied ${prefix}…; the clipboard clears in ${SECRET_CLEAR_AFTER_SECONDS} s` });
    setTimeout(() => {
      void navigator.clipboard
        .readText()
        .then((now) => (now === copied ? navigator.clipboard.writeText('') : undefined))
        .catch(() => undefined);
    }, SECRET_CLEAR_AFTER_SECONDS * 1000);
  };

  return (
    <div className="reveal show-key-once">
      <div className="reveal-value" aria-live="polite">
        {value !== null ? (
          <>
            <code className="revealed" aria-label={`The new key ${prefix}…`}>
              {value}
            </code>
            <span className="muted reveal-timer">hides in {seconds} s, and is not shown here again</span>
          </>
        ) : shown ? (
          <span className="muted">Shown once; it is not shown here again.</span>
        ) : (
          <span className="muted">Not shown unless you ask.</span>
        )}
      </div>
      {value !== null ? (
        <button type="button" className="button button-small" onClick={() => setValue(null)}>
          Hide
        </button>
      ) : (
        !shown && (
          <button type="button" className="button button-small" onClick={() => void show()}>
            Show the key once
          </button>
        )
      )}
      <button type="button" className="button button-small button-ghost" onClick={() => void copy()}>
        Copy
      </button>
    </div>
  );
}
