/** Emails go out through the job system: stored with the change that causes them, delivered by a job. */
import * as z from "zod";
import { enqueue, type JobScope } from "../jobs/enqueue.ts";
import { defineJob } from "../jobs/registry.ts";
import { deliverEmail, type EmailMessage, storeEmail } from "./send.ts";

defineJob("email.send", z.object({ emailId: z.uuid() }), ({ emailId }) => deliverEmail(emailId), {
  label: "Email delivery",
});

/** Queues the message in `q`'s transaction: it is delivered once that commits, and never if it rolls back. */
export async function queueEmail(q: JobScope, msg: EmailMessage): Promise<void> {
  await enqueue(q, "email.send", { emailId: await storeEmail(q.trx, msg) });
}
