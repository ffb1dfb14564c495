// Compile-time tests of `call` (never run, never bundled: nothing imports this file).
// svelte-check type-checks it with the rest of src/. Each `@ts-expect-error` line below is a
// deliberately wrong call: if one of them stops being an error — because `call` or the
// generated `Rpc` map no longer catches that mistake — svelte-check fails with "Unused
// '@ts-expect-error' directive". The correct calls must keep compiling.
import { call } from './api';
import type { Grid, GridInput, Household } from './bindings';

const GRID: GridInput = { name: '一组', leader: '', leader_phone: '', note: '' };

export async function typeTests(): Promise<void> {
  // Correct calls: name, arguments and result as the Rust methods declare them.
  const grids: Grid[] = await call('grids.list');
  const g: Grid = await call('grids.update', { id: 'x', input: GRID });
  await call('hazards.summary');
  await call('hazards.summary', { as_of: '2024-12-23' });
  void grids;
  void g;

  // @ts-expect-error a method name that does not exist (a typo)
  await call('grids.updte', { id: 'x', input: GRID });
  // @ts-expect-error an argument of the wrong type (id is a string)
  await call('grids.update', { id: 1, input: GRID });
  // @ts-expect-error a missing argument field (input)
  await call('grids.update', { id: 'x' });
  // @ts-expect-error an argument field the method does not take
  await call('grids.delete', { id: 'x', force: true });
  // @ts-expect-error no arguments to a method that needs them
  await call('households.get');
  // @ts-expect-error arguments to a method that takes none
  await call('grids.list', { id: 'x' });
  // @ts-expect-error the wrong result type (grids.update returns a Grid)
  const h: Household = await call('grids.update', { id: 'x', input: GRID });
  void h;
}
