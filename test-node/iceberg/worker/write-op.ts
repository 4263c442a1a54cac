/** A write the test asks the Worker for; documents as JSON (timestamps as ISO strings, decimals as strings). */
export type WriteOp =
  | { readonly op: 'createMany'; readonly collection: 'Order' | 'Click'; readonly docs: readonly Record<string, unknown>[] }
  | { readonly op: 'update'; readonly collection: 'Order' | 'Click'; readonly id: string; readonly patch: Record<string, unknown> }
  | { readonly op: 'delete'; readonly collection: 'Order' | 'Click'; readonly id: string };
