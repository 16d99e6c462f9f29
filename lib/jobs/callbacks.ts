/**
 * QStash's calls into the app: a job to run, the sweep. Each is verified on its raw body before
 * anything runs: unsigned → 401, a signature that is not QStash's for this body and URL (forged,
 * replayed onto another body, expired) → 403.
 */
import * as z from "zod";
import { services } from "../data/services.ts";
import { RUN_PATH, SWEEP_PATH, verifySignature } from "./qstash.ts";
import { runJobById } from "./run.ts";
import { sweep } from "./sweep.ts";

const MAX_BODY_BYTES = 64 * 1024;
const RunRequest = z.object({ id: z.uuid() });

async function verified(req: Request, path: string): Promise<{ body: string } | Response> {
  const signature = req.headers.get("upstash-signature");
  if (!signature) return Response.json({ error: "unsigned" }, { status: 401 });
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return Response.json({ error: "too large" }, { status: 413 });
  }
  const body = await req.text();
  if (!await verifySignature(services().config, signature, body, path)) {
    return Response.json({ error: "bad signature" }, { status: 403 });
  }
  return { body };
}

/** Runs the job the delivery names; a redelivery of a job that is done or running runs nothing (200 either way). */
export async function handleRunCallback(req: Request): Promise<Response> {
  const checked = await verified(req, RUN_PATH);
  if (checked instanceof Response) return checked;
  let parsed;
  try {
    parsed = RunRequest.safeParse(JSON.parse(checked.body));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) return Response.json({ error: 'expected {"id": <job id>}' }, { status: 400 });
  return Response.json({ outcome: await runJobById(parsed.data.id) });
}

export async function handleSweepCallback(req: Request): Promise<Response> {
  const checked = await verified(req, SWEEP_PATH);
  if (checked instanceof Response) return checked;
  return Response.json({ republished: await sweep() });
}
