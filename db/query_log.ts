/**
 * A Kysely plugin that records the queries a piece of code executes, compiled as the driver
 * receives them: the EXPLAIN test checks their plans, the bench replays them as an endpoint's SQL
 * floor. Kysely also hands a builder to plugins when it becomes a subquery of another, so a
 * query is kept only once its result comes back (only executed queries have one).
 */
import type {
  CompiledQuery,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import type { DB } from "./schema.ts";

export class QueryLog implements KyselyPlugin {
  #recording: CompiledQuery[] | null = null;
  readonly #compiled = new Map<string, CompiledQuery>();

  /** `db`: the database the plugin is added to (it compiles the queries). */
  constructor(private readonly db: Kysely<DB>) {}

  /** Runs `run` and returns what it returned with the queries it executed, in order. */
  async record<R>(run: () => Promise<R>): Promise<{ result: R; queries: CompiledQuery[] }> {
    const queries: CompiledQuery[] = [];
    this.#recording = queries;
    try {
      return { result: await run(), queries };
    } finally {
      this.#recording = null;
      this.#compiled.clear();
    }
  }

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    if (this.#recording) this.#compiled.set(queryId.queryId, this.db.getExecutor().compileQuery(node, queryId));
    return node;
  }

  transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const query = this.#compiled.get(queryId.queryId);
    this.#compiled.delete(queryId.queryId);
    if (query) this.#recording?.push(query);
    return Promise.resolve(result);
  }
}
