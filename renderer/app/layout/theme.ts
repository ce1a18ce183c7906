import { useCallback, useEffect, useState } from 'react';

/** The colour theme the analyst chose: follow the system's `prefers-color-scheme`, or force one. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const themeChoices: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** localStorage key: a view preference of this browser profile, not project data (it is not in the .crosscheck file). */
export const THEME_KEY = 'crosscheck.theme';

/** The stored choice; anything unreadable or unknown (private mode, an old value) is 'system'. */
export function readTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return themeChoices.includes(v as ThemeChoice) ? (v as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Applies `choice` to the page: `data-theme` on <html> sets `color-scheme`, which every colour in styles.css
 * follows through `light-dark()`; 'system' removes the attribute so the media query decides.
 */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

/** The theme choice, applied to the page and remembered across reloads. */
export function useTheme(): [ThemeChoice, (c: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(readTheme);
  useEffect(() => applyTheme(choice), [choice]);
  const choose = useCallback((c: ThemeChoice) => {
    setChoice(c);
    try {
      localStorage.setItem(THEME_KEY, c);
    } catch {
      // Storage refused (private mode, quota): the choice holds for this window only.
    }
  }, []);
  return [choice, choose];
}
