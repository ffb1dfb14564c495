// Long tables that draw only the rows on screen (the register, the ledger, the people and
// not-visited lists): 20,000 rows open as fast as 20. Rows have one fixed height (one line,
// cut with …); spacer rows above and below keep the scrollbar true to the whole list, rows
// not fetched yet included (`indices`).
//
// Our own ~80 lines rather than a package: the lists are <table>s with sticky headers,
// column widths and keyboard selection, which the Svelte 5 virtual-list packages (built for
// <div> lists, some on Svelte 4 stores) do not fit without wrapping them anyway.
import { tick } from 'svelte';

/** Rows drawn beyond the visible ones at each end (smooth scrolling with the mouse wheel). */
const OVERSCAN = 10;

export class VirtualRows {
  /** The scrolling box (bind:this). */
  el = $state<HTMLElement | undefined>();
  count = $state(0);
  scrollTop = $state(0);
  /** The box's inner height (bind:clientHeight). */
  height = $state(600);
  /** One row's height in pixels, measured from the first drawn row. */
  rowHeight = $state(34);

  start = $derived(Math.max(0, Math.floor(this.scrollTop / this.rowHeight) - OVERSCAN));
  end = $derived(Math.min(this.count, Math.ceil((this.scrollTop + this.height) / this.rowHeight) + OVERSCAN));
  /** Heights of the spacer rows above and below the drawn ones. */
  top = $derived(this.start * this.rowHeight);
  bottom = $derived(Math.max(0, (this.count - this.end) * this.rowHeight));

  onscroll = () => {
    if (this.el) this.scrollTop = this.el.scrollTop;
  };

  /** The indices of the drawn rows in the whole list, loaded or not: lists fetched in pages
   *  set `count` to the whole list's length (the scrollbar is then true to it: dragged to the
   *  end it shows the end) and draw a row still being read as a placeholder. */
  indices(): number[] {
    const out: number[] = [];
    for (let i = this.start; i < this.end; i++) out.push(i);
    return out;
  }

  /** The drawn slice of `rows` with each row's index in the whole list. */
  slice<T>(rows: T[]): { row: T; i: number }[] {
    const out: { row: T; i: number }[] = [];
    for (let i = this.start; i < Math.min(this.end, rows.length); i++) out.push({ row: rows[i], i });
    return out;
  }

  /** Re-measures the row height from a drawn row (call after the rows changed). */
  measure() {
    const r = this.el?.querySelector<HTMLElement>('tbody tr[data-vrow]');
    const h = r?.getBoundingClientRect().height;
    if (h && Math.abs(h - this.rowHeight) > 0.5) this.rowHeight = h;
  }

  /** Scrolls so that row `i` is fully visible below the sticky header. */
  async reveal(i: number) {
    const el = this.el;
    if (!el) return;
    const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const y = i * this.rowHeight;
    const visible = el.clientHeight - head;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + this.rowHeight > el.scrollTop + visible) el.scrollTop = y + this.rowHeight - visible;
    this.scrollTop = el.scrollTop;
    await tick();
  }

  /** Back to the first row (a new search or filter). */
  toTop() {
    if (this.el) this.el.scrollTop = 0;
    this.scrollTop = 0;
  }
}
