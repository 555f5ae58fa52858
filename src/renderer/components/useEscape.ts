import { useEffect, useRef } from 'react';

/** Open dialogs, newest last: Esc closes only the newest. */
const stack: { current: () => void }[] = [];

function onKey(e: KeyboardEvent) {
  if (e.key !== 'Escape' || stack.length === 0) return;
  e.preventDefault();
  stack[stack.length - 1]?.current();
}

/** Close a dialog with Esc while it is open. */
export function useEscape(onClose: () => void, open = true): void {
  const handler = useRef(onClose);
  handler.current = onClose;
  useEffect(() => {
    if (!open) return;
    const entry = { current: () => handler.current() };
    if (stack.length === 0) window.addEventListener('keydown', onKey);
    stack.push(entry);
    return () => {
      stack.splice(stack.indexOf(entry), 1);
      if (stack.length === 0) window.removeEventListener('keydown', onKey);
    };
  }, [open]);
}
