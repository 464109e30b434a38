import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { THEME_KEY, storedTheme, useTheme } from '../../../renderer/src/stores/theme.js';

const mockScheme = (dark: boolean) =>
  vi.spyOn(window, 'matchMedia').mockImplementation((q: string) => ({ matches: dark && q.includes('dark'), media: q }) as MediaQueryList);

afterEach(() => vi.restoreAllMocks());

describe('useTheme', () => {
  it('follows prefers-color-scheme until the user picks', () => {
    mockScheme(true);
    const { result } = renderHook(() => useTheme());
    expect(result.current.theme).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(storedTheme()).toBeNull();
  });

  it('persists the choice and prefers it over the system on the next start', () => {
    mockScheme(false);
    const first = renderHook(() => useTheme());
    act(() => first.result.current.toggle());
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    first.unmount();
    const second = renderHook(() => useTheme());
    expect(second.result.current.theme).toBe('dark');
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem(THEME_KEY, 'purple');
    expect(storedTheme()).toBeNull();
  });
});
