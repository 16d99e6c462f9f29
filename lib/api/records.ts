/**
 * The operations every record resource has (companies, contacts, leads, deals): list, create, get, update
 * (PATCH, partial, If-Match), delete (soft) and restore. Each resource says how to read, list, create and
 * change its records through the lib functions the app's pages call; this file makes the HTTP of it.
 */
import * as z from "zod";
import type { RecordType } from "@/db/schema.ts";
import type { AuthContext } from "../auth/guard.ts";
import type { OrgScope } from "../data/scope.ts";
import { HttpError } from "../fresh/errors.ts";
import { restoreRecord, softDelete } from "../records/trash.ts";
import { assertVersion } from "../records/versions.ts";
import { idParams } from "./fields.ts";
import { type ListInput, listOf, type ListPage, nextLink } from "./lists.ts";
import { type Operation, operation, type OpInput } from "./operation.ts";

export interface Versioned {
  id: string;
  version: number;
}

export interface RecordResource<C extends z.ZodObject, L extends z.ZodObject> {
  type: RecordType;
  /** `/companies` */
  path: string;
  tag: string;
  /** "company", "companies", and the schema's name ("Company"). */
  one: string;
  many: string;
  /** The representation; `read` rows parse into it. */
  schema: z.ZodType;
  create: C;
  listQuery: L;
  list(q: OrgScope, auth: AuthContext, query: z.output<L> & ListInput): Promise<ListPage<unknown>>;
  read(q: OrgScope, auth: AuthContext, id: string): Promise<Versioned>;
  insert(auth: AuthContext, body: z.output<C>): Promise<string>;
  /** Writes every field of `fields` (the record's, with a PATCH's on top) through the lib, only at `version`. */
  change(auth: AuthContext, id: string, fields: z.output<C>, version: number): Promise<void>;
  example: { item: Record<string, unknown>; create: Record<string, unknown>; update: Record<string, unknown> };
}

/** A PATCH body: the create body's fields, each optional and without its default (absent means unchanged). */
function patchOf(create: z.ZodObject) {
  const fields = Object.entries(create.shape as Record<string, z.ZodType>)
    .map(([k, s]) => [k, (s instanceof z.ZodDefault ? s.unwrap() as z.ZodType : s).optional()]);
  return z.strictObject(Object.fromEntries(fields));
}

const pick = (row: object, keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => keys.includes(k)));

/** A PATCH without If-Match merges onto what it read; when a concurrent change lands between, it reads again. */
const MERGE_ATTEMPTS = 3;

/** A domain verb on one record (qualify a lead, win a deal…): POST to `{path}/{id}/{name}`, answering the record. */
export function recordVerb<B extends z.ZodType>(
  r: Pick<RecordResource<z.ZodObject, z.ZodObject>, "path" | "tag" | "schema" | "read">,
  v: {
    name: string;
    operationId: string;
    summary: string;
    description: string;
    body?: B;
    errors: Operation["errors"];
    example: Operation["example"];
    act(auth: AuthContext, id: string, body: z.output<B>): Promise<unknown>;
  },
): Operation {
  return operation({
    method: "POST",
    path: `${r.path}/{id}/${v.name}`,
    operationId: v.operationId,
    tag: r.tag,
    summary: v.summary,
    description: v.description,
    params: idParams,
    body: v.body,
    response: r.schema,
    errors: ["not-found", ...v.errors],
    example: v.example,
    versioned: true,
    run: async ({ caller: { auth }, params, body, scoped }) => {
      await v.act(auth, params.id, body as z.output<B>);
      const row = await scoped((q) => r.read(q, auth, params.id));
      return { body: row, version: row.version };
    },
  });
}

export function recordOperations<C extends z.ZodObject, L extends z.ZodObject>(
  r: RecordResource<C, L>,
): Record<"list" | "create" | "get" | "update" | "remove" | "restore", Operation> {
  const Name = r.one[0].toUpperCase() + r.one.slice(1);
  const Many = r.many[0].toUpperCase() + r.many.slice(1);
  const read = (auth: AuthContext, id: string, scoped: OpInput<unknown, unknown, unknown>["scoped"]) =>
    scoped((q) => r.read(q, auth, id));
  const found = (row: Versioned) => ({ body: row, version: row.version });
  const item = `/${r.path.slice(1)}/{id}`;
  const patch = patchOf(r.create).meta({ id: `${Name}Update` });
  return {
    list: operation({
      method: "GET",
      path: r.path,
      operationId: `list${Many}`,
      tag: r.tag,
      summary: `List ${r.many}`,
      description: `${Many} the key's member may see, a page at a time (newest first unless \`sort\` says otherwise).`,
      query: r.listQuery,
      response: listOf(r.schema, `${Name}List`),
      errors: ["invalid-parameter", "invalid-cursor"],
      example: { response: { object: "list", data: [r.example.item], has_more: true, next_cursor: "newest.WyIwMTk…" } },
      run: async ({ caller: { auth }, query, url, scoped }) => {
        const page = await scoped((q) => r.list(q, auth, query as z.output<L> & ListInput));
        return { body: page, headers: nextLink(url, page.next_cursor) };
      },
    }),
    create: operation({
      method: "POST",
      path: r.path,
      operationId: `create${Name}`,
      tag: r.tag,
      summary: `Create a ${r.one}`,
      body: r.create.meta({ id: `${Name}Create` }),
      response: r.schema,
      status: 201,
      errors: ["validation-failed", "malformed-json", "unsupported-media-type", "payload-too-large", "plan-limit"],
      example: { request: r.example.create, response: r.example.item },
      versioned: true,
      run: async ({ caller: { auth }, body, scoped }) => {
        const row = await read(auth, await r.insert(auth, body), scoped);
        return { ...found(row), status: 201, headers: { location: `/api/v1${r.path}/${row.id}` } };
      },
    }),
    get: operation({
      method: "GET",
      path: item,
      operationId: `get${Name}`,
      tag: r.tag,
      summary: `Get a ${r.one}`,
      params: idParams,
      response: r.schema,
      errors: ["not-found"],
      example: { response: r.example.item },
      versioned: true,
      run: async ({ caller: { auth }, params, scoped }) => found(await read(auth, params.id, scoped)),
    }),
    update: operation({
      method: "PATCH",
      path: item,
      operationId: `update${Name}`,
      tag: r.tag,
      summary: `Update a ${r.one}`,
      description: "Changes the fields sent and leaves the others. With `If-Match`, only while the " +
        `${r.one} is still at that version (its ETag).`,
      params: idParams,
      body: patch,
      response: r.schema,
      errors: ["not-found", "validation-failed", "malformed-json", "precondition-failed", "conflict"],
      example: { request: r.example.update, response: r.example.item },
      versioned: true,
      run: async ({ caller: { auth }, params, body, ifMatch, scoped }) => {
        for (let attempt = 1;; attempt++) {
          const before = await read(auth, params.id, scoped);
          assertVersion(before.version, ifMatch ?? undefined);
          try {
            const fields = { ...pick(before, Object.keys(r.create.shape)), ...body } as z.output<C>;
            await r.change(auth, params.id, fields, ifMatch ?? before.version);
            return found(await read(auth, params.id, scoped));
          } catch (err) {
            const retry = err instanceof HttpError && err.status === 412 && ifMatch === null;
            if (!retry || attempt === MERGE_ATTEMPTS) throw err;
          }
        }
      },
    }),
    remove: operation({
      method: "DELETE",
      path: item,
      operationId: `delete${Name}`,
      tag: r.tag,
      summary: `Delete a ${r.one}`,
      description: `Moves the ${r.one} to the trash, where it can be restored for 30 days.`,
      params: idParams,
      errors: ["not-found", "precondition-failed"],
      example: {},
      status: 204,
      versioned: true,
      run: async ({ caller: { auth }, params, ifMatch, scoped }) => {
        if (ifMatch !== null) assertVersion((await read(auth, params.id, scoped)).version, ifMatch);
        await softDelete(auth, r.type, params.id);
        return { status: 204 };
      },
    }),
    restore: operation({
      method: "POST",
      path: `${item}/restore`,
      operationId: `restore${Name}`,
      tag: r.tag,
      summary: `Restore a deleted ${r.one}`,
      description: `Brings back a ${r.one} deleted in the last 30 days.`,
      params: idParams,
      response: r.schema,
      errors: ["not-found"],
      example: { response: r.example.item },
      run: async ({ caller: { auth }, params, scoped }) => {
        await restoreRecord(auth, r.type, params.id);
        return found(await read(auth, params.id, scoped));
      },
    }),
  };
}
