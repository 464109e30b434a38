import type { ThemeChoice } from '../stores/theme.js';

export function ThemeToggle({ theme, onToggle }: { theme: ThemeChoice; onToggle(): void }) {
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className="button button-ghost theme-toggle" aria-label={`Switch to ${next} theme`} aria-pressed={theme === 'dark'} onClick={onToggle}>
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span> {theme === 'dark' ? 'Dark' : 'Light'}
    </button>
  );
}
