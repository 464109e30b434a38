/** Arrow-key movement in a grid of focusable cells marked `data-cell="row:col"`. */
export function moveInGrid(e: React.KeyboardEvent<HTMLElement>, rows: number, cols: number): void {
  const target = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]');
  if (!target) return;
  const [r, c] = (target.dataset.cell ?? '0:0').split(':').map(Number) as [number, number];
  let nr = r;
  let nc = c;
  switch (e.key) {
    case 'ArrowRight': nc = Math.min(cols - 1, c + 1); break;
    case 'ArrowLeft': nc = Math.max(0, c - 1); break;
    case 'ArrowDown': nr = Math.min(rows - 1, r + 1); break;
    case 'ArrowUp': nr = Math.max(0, r - 1); break;
    case 'Home': nc = 0; break;
    case 'End': nc = cols - 1; break;
    default: return;
  }
  e.preventDefault();
  const next = e.currentTarget.querySelector<HTMLElement>(`[data-cell="${nr}:${nc}"]`);
  if (!next) return;
  e.currentTarget.querySelectorAll<HTMLElement>('[data-cell]').forEach((el) => (el.tabIndex = -1));
  next.tabIndex = 0;
  next.focus();
}
