// Keyboard selection in the app's lists (register, ledger, pickers): one rule for every list.
import { tick } from 'svelte';

/** Rows a PageUp/PageDown moves. */
const PAGE_ROWS = 10;

/**
 * The new selected index for a navigation key (↑ ↓ PageUp PageDown, and Home/End when
 * `withHomeEnd`), or null when the key is not one of them. The caller prevents the
 * default and stores the index.
 */
export function nextIndex(key: string, index: number, count: number, withHomeEnd = false): number | null {
  if (count <= 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown': return clamp(index + 1);
    case 'ArrowUp': return clamp(index - 1);
    case 'PageDown': return clamp(index + PAGE_ROWS);
    case 'PageUp': return clamp(index - PAGE_ROWS);
    case 'Home': return withHomeEnd ? 0 : null;
    case 'End': return withHomeEnd ? count - 1 : null;
    default: return null;
  }
}

/** Scrolls the selected row (`.selected` inside `root`, the document by default) into view. */
export async function scrollSelectedIntoView(root: ParentNode = document): Promise<void> {
  await tick();
  root.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
}
