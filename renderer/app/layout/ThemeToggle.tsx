import { themeChoices, type ThemeChoice } from './theme';

const names: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const icons: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

/**
 * One button that steps through system → light → dark. Its name says the current choice ("Theme: System");
 * the title says what a click does. Inside the folded menu the word is shown next to the icon.
 */
export function ThemeToggle({ choice, onChoose }: { choice: ThemeChoice; onChoose(c: ThemeChoice): void }) {
  const next = themeChoices[(themeChoices.indexOf(choice) + 1) % themeChoices.length];
  return (
    <button className="theme-toggle" aria-label={`Theme: ${names[choice]}`} title={`Theme: ${names[choice]} (click for ${names[next]})`} onClick={() => onChoose(next)}>
      <span aria-hidden>{icons[choice]}</span>
      <span className="fold-text" aria-hidden>
        Theme: {names[choice]}
      </span>
    </button>
  );
}
