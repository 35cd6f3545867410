/** A column of a statement fed with `unnest`: one array parameter per column, one row per event. */
export interface UnnestColumn {
  name: string;
  /** PostgreSQL type of one element, e.g. `text`, `timestamptz`. */
  type: string;
}

/** Columns of one type, in the order named. */
export function unnestColumns(type: string, ...names: string[]): UnnestColumn[] {
  return names.map((name) => ({ name, type }));
}

/**
 * `SELECT * FROM unnest($1::text[], $2::timestamptz[], ...) AS alias(name, ...)`: many rows in
 * one statement with a fixed text, so it is prepared once whatever the batch size. A statement
 * with a second set of rows numbers its parameters on from `firstParameter`.
 */
export function unnestRows(alias: string, columns: readonly UnnestColumn[], firstParameter = 1): string {
  const arrays = columns.map((column, index) => `$${index + firstParameter}::${column.type}[]`).join(', ');
  return `SELECT * FROM unnest(${arrays}) AS ${alias}(${columns.map((column) => column.name).join(', ')})`;
}

/** The parameters of `unnestRows`: for each column, its value in every row. */
export function unnestValues(rows: readonly Record<string, unknown>[], columns: readonly UnnestColumn[]): unknown[][] {
  return columns.map((column) => rows.map((row) => row[column.name] ?? null));
}
