/**
 * A tree of the element paths the camt reader cares about, walked one element at a time: each
 * open tag is one Map lookup from the parent's node, and every element the tree does not name
 * falls into IGNORED, whose children are ignored too. The reader never joins or compares paths
 * per event, which keeps saxes, not our bookkeeping, the cost of parsing.
 */

export type Attributes = Readonly<Record<string, string>>;

export interface Handlers<S> {
  /** Called at the open tag; a number returned is the element's index in error paths (Ntry[3]). */
  readonly open?: (state: S, attributes: Attributes) => number | undefined;
  /** Called at the close tag with the element's own text (not its children's). */
  readonly text?: (state: S, text: string, attributes: Attributes) => void;
  /** Called at the close tag, after `text`. */
  readonly close?: (state: S) => void;
}

export interface PathNode<S> extends Handlers<S> {
  readonly children: Map<string, PathNode<S>>;
}

/** Every node has the same four fields, so V8 sees one object shape at the reader's call sites. */
function node<S>(): PathNode<S> {
  return { children: new Map(), open: undefined, text: undefined, close: undefined };
}

/** Children of an unknown element are unknown: its own empty map keeps lookups failing. */
export const IGNORED: PathNode<unknown> = Object.freeze(node<unknown>());

function child<S>(parent: PathNode<S>, name: string): PathNode<S> {
  let found = parent.children.get(name);
  if (found === undefined) {
    found = node<S>();
    parent.children.set(name, found);
  }
  return found;
}

/**
 * Builds the tree from `path -> handlers`, paths written from the document element down.
 * `a/b|a/c/b` routes both paths to the same handlers (a field that moved between versions).
 *
 * @example
 *   const root = buildTree<State>({ 'Document/BkToCstmrStmt/Stmt/Id': { text: (s, t) => (s.id = t) } });
 */
export function buildTree<S>(routes: Readonly<Record<string, Handlers<S>>>): PathNode<S> {
  const root = node<S>();
  for (const [paths, handlers] of Object.entries(routes)) {
    for (const path of paths.split('|')) {
      let at = root;
      for (const name of path.split('/')) at = child(at, name);
      if (at.open || at.text || at.close) throw new Error(`path ${path} is routed twice`);
      Object.assign(at, handlers);
    }
  }
  return root;
}

/**
 * Paths below a common prefix, so the table of a deep element (TxDtls) stays readable.
 *
 * @example
 *   under('Ntry', { Amt: amount }) // { 'Ntry/Amt': amount }
 */
export function under<S>(
  prefix: string,
  routes: Readonly<Record<string, Handlers<S>>>,
): Record<string, Handlers<S>> {
  const out: Record<string, Handlers<S>> = {};
  for (const [paths, handlers] of Object.entries(routes)) {
    const prefixed = paths.split('|').map((path) => (path === '' ? prefix : `${prefix}/${path}`));
    out[prefixed.join('|')] = handlers;
  }
  return out;
}
