import { For, Show, type JSX } from 'solid-js';

/** A data table's frame and the rows it lists; each page draws its own row. */
export interface DataTableProps<Row> {
  /** Class of the wrapper that scrolls the table sideways on a narrow screen. */
  wrapClass: string;
  tableClass: string;
  /** A caption for screen readers only, when the heading above does not already name the table. */
  caption?: string;
  /** The column headings, in order. */
  columns: readonly string[];
  rows: readonly Row[];
  /** One `<tr>` for a row. */
  children: (row: Row) => JSX.Element;
}

/**
 * A scrollable table with `<th scope="col">` headings, so screen readers announce each cell's column.
 * The eval page's runs and the network ledger share it.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  return (
    <div class={props.wrapClass}>
      <table class={props.tableClass}>
        <Show when={props.caption}>{(caption) => <caption class="visually-hidden">{caption()}</caption>}</Show>
        <thead>
          <tr>
            <For each={props.columns}>{(column) => <th scope="col">{column}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>{(row) => props.children(row)}</For>
        </tbody>
      </table>
    </div>
  );
}
