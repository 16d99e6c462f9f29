/**
 * Unsubscribe from one kind of notification email. GET only asks (link scanners fetch links); POST does it,
 * from the page's button or as a mail client's one-click POST (RFC 8058), which carries no session or
 * same-origin header: the signed token is the authority, so the cross-site check is off here.
 */
import { AuthCard, Notice } from "@/components/AuthCard.tsx";
import { SubmitButton } from "@/components/Form.tsx";
import type { Handlers, PageProps, RouteConfig } from "@/lib/fresh/types.ts";
import { readForm } from "@/lib/http/forms.ts";
import { unsubscribe } from "@/lib/notifications/unsubscribe.ts";

export const config: RouteConfig = { csrf: false };

type Data = { token: string; done: string | null; invalid: boolean };

export const handler: Handlers<Data> = {
  GET(_req, ctx) {
    return ctx.render({ token: (ctx.url.searchParams.get("token") ?? "").slice(0, 300), done: null, invalid: false });
  },
  async POST(req, ctx) {
    const token = (ctx.url.searchParams.get("token") ?? (await readForm(req)).token ?? "").slice(0, 300);
    const org = await unsubscribe(token);
    return ctx.render({ token, done: org, invalid: !org }, { status: org ? 200 : 400 });
  },
};

export default function Unsubscribe({ data }: PageProps<Data>) {
  if (data.done) {
    return (
      <AuthCard title="Unsubscribed">
        <Notice tone="success">
          You will no longer get these emails from {data.done}. You can change this in your notification preferences.
        </Notice>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Unsubscribe" intro="Stop this kind of notification email (in-app notifications stay).">
      {data.invalid ? <p role="alert" class="mb-4 text-sm text-red-700">This unsubscribe link is not valid.</p> : null}
      <form method="post">
        <input type="hidden" name="token" value={data.token} />
        <SubmitButton>Unsubscribe</SubmitButton>
      </form>
    </AuthCard>
  );
}
