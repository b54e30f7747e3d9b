import { useEffect, useRef, useState } from 'react';

/** Keys are ignored for this long after a dialog opens, and after each key pressed meanwhile. */
export const ARM_DELAY_MS = 500;

/**
 * Whether a dialog accepts keys yet. A dialog that opens while the user is
 * typing must not take their keystrokes (an Enter meant for the prompt must not
 * approve a command): it stays disarmed until the keyboard has been quiet for
 * `delayMs`, and every key that arrives meanwhile is swallowed and restarts the wait.
 */
export function useArmed(delayMs: number = ARM_DELAY_MS): { armed: boolean; swallow: () => boolean } {
  const [armed, setArmed] = useState(delayMs <= 0);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const armedRef = useRef(armed);
  const arm = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      armedRef.current = true;
      setArmed(true);
    }, delayMs);
  };
  useEffect(() => {
    if (delayMs > 0) arm();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [delayMs]);
  return {
    armed,
    /** Call first in the key handler: true when the key must be ignored (and the wait restarted). */
    swallow: () => {
      if (armedRef.current) return false;
      arm();
      return true;
    },
  };
}
