import * as z from "zod";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { billingFailure } from "@/lib/billing/errors.ts";
import { billingPath } from "@/lib/billing/limits.ts";
import { changePlan } from "@/lib/billing/subscription.ts";
import type { Handlers } from "@/lib/fresh/types.ts";
import { parseForm } from "@/lib/http/forms.ts";
import { redirect } from "@/lib/http/redirect.ts";

const Input = z.object({ plan: z.enum(["pro", "business"]) });

/** Owner moves the live subscription to another plan, prorated. */
export const handler: Handlers<unknown, { auth: AuthContext }> = {
  async POST(req, ctx) {
    const { auth } = ctx.state;
    const page = billingPath(auth.org.slug);
    const form = await parseForm(req, Input);
    if (!form.ok) return redirect(page);
    try {
      await changePlan(auth, form.data.plan);
      return redirect(`${page}?plan=changed`);
    } catch (err) {
      return billingFailure(err, page);
    }
  },
};
