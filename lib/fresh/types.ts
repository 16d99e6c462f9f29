/**
 * The route and island contract of Fresh, reproduced so that a route written for this app is a
 * Fresh route with its imports changed.
 */
import type { ComponentChildren, ComponentType, VNode } from "preact";

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
export const METHODS: Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

// deno-lint-ignore no-explicit-any
export type AnyState = Record<string, any>;

export interface FreshContext<State = AnyState, Data = unknown> {
  req: Request;
  url: URL;
  params: Record<string, string>;
  state: State;
  /** Address of the client as seen by the server (first hop). */
  remoteAddr: string;
  /** Per-response nonce for inline scripts and styles (CSP). */
  nonce: string;
  /** The matched route pattern, e.g. `/app/:org/deals/:id`. */
  route: string;
  render(data?: Data, init?: ResponseInit): Promise<Response>;
  renderNotFound(): Promise<Response>;
  next(): Promise<Response>;
}

export type Handler<Data = unknown, State = AnyState> = (
  req: Request,
  ctx: FreshContext<State, Data>,
) => Response | Promise<Response>;

export type Handlers<Data = unknown, State = AnyState> = Partial<
  Record<Method, Handler<Data, State>>
>;

export interface PageProps<Data = unknown, State = AnyState> {
  data: Data;
  params: Record<string, string>;
  url: URL;
  state: State;
  route: string;
  /** Set for `_app` and `_layout`: renders what sits inside them. */
  Component: ComponentType<Record<never, never>>;
}

export interface RouteConfig {
  /** Opt out of the same-origin check, for endpoints that authenticate otherwise (signed webhooks, public forms). */
  csrf?: false;
  /**
   * The page's HTML depends on its URL alone (not on state, a session or data): outside dev it is
   * rendered once per URL and then served from memory, each response with its own nonce.
   */
  static?: boolean;
  skipAppWrapper?: boolean;
  skipInheritedLayouts?: boolean;
}

export interface RouteModule {
  // deno-lint-ignore no-explicit-any
  handler?: Handler<any, any> | Handlers<any, any> | Handler<any, any>[];
  // deno-lint-ignore no-explicit-any
  default?: ComponentType<PageProps<any, any>>;
  config?: RouteConfig;
}

export interface IslandModule {
  // deno-lint-ignore no-explicit-any
  [exportName: string]: ComponentType<any> | unknown;
}

export interface Manifest {
  routes: Record<string, RouteModule>;
  islands: Record<string, IslandModule>;
  baseUrl: string;
}

export type { ComponentChildren, VNode };

/** What the runtime knows of a request beyond it: the client's address and this response's CSP nonce. */
export interface RequestEnv {
  remoteAddr: string;
  nonce: string;
}

/** The route a context renders for: its pattern, layouts and page. */
export interface PageRoute {
  pattern: string;
  layouts: RouteModule[];
  page?: RouteModule["default"];
  /** `config.static`: the page is rendered once per URL. */
  static?: boolean;
}
