/** Light / dark theme: follows prefers-color-scheme until the user picks one (kept in localStorage). */
import { useCallback, useEffect, useState } from 'react';

export type ThemeChoice = 'light' | 'dark';
export const THEME_KEY = 'keyhive.theme';

function systemTheme(): ThemeChoice {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function storedTheme(): ThemeChoice | null {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

export function useTheme(): { theme: ThemeChoice; toggle(): void } {
  const [theme, setTheme] = useState<ThemeChoice>(() => storedTheme() ?? systemTheme());
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggle = useCallback(() => {
    setTheme((t) => {
      const next: ThemeChoice = t === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(THEME_KEY, next);
      } catch {
        /* storage may be disabled: the choice lasts this session */
      }
      return next;
    });
  }, []);
  return { theme, toggle };
}
