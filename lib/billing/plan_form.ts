/**
 * The owner's plan forms (subscribe through Checkout, change a live plan): a paid plan picked, then
 * the action, which answers where to send the owner; a bad pick or a billing failure goes back to
 * the billing page.
 */
import * as z from "zod";
import type { AuthContext } from "../auth/guard.ts";
import type { Handlers } from "../fresh/types.ts";
import { parseForm } from "../http/forms.ts";
import { redirect } from "../http/redirect.ts";
import { billingFailure } from "./errors.ts";
import { billingPath } from "./limits.ts";
import { PAID_PLANS, type PaidPlanId } from "./plans.ts";

const PlanChoice = z.object({ plan: z.enum(PAID_PLANS) });

export function planFormHandlers(
  act: (auth: AuthContext, plan: PaidPlanId) => Promise<string>,
): Handlers<unknown, { auth: AuthContext }> {
  return {
    async POST(req, ctx) {
      const { auth } = ctx.state;
      const page = billingPath(auth.org.slug);
      const form = await parseForm(req, PlanChoice);
      if (!form.ok) return redirect(page);
      try {
        return redirect(await act(auth, form.data.plan));
      } catch (err) {
        return billingFailure(err, page);
      }
    },
  };
}
