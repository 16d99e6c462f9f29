import { formatTime, OlderPage, PageHeader } from "@/components/AuthPanels.tsx";
import { type AuditItem, auditPage } from "@/lib/audit/list.ts";
import type { AuthContext } from "@/lib/auth/guard.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import { keysetPage } from "@/lib/tenancy/keyset_page.ts";

type Data = { items: AuditItem[]; next: string | null };
type State = { auth: AuthContext };

export const handler = keysetPage("audit.view", auditPage);

const LABELS: Record<string, string> = {
  login: "Signed in",
  login_failed: "Failed sign-in",
  logout: "Signed out",
  signup: "Signed up",
  email_verified: "Confirmed email",
  password_reset_requested: "Asked to reset password",
  password_reset: "Reset password",
  password_changed: "Changed password",
  email_change_requested: "Asked to change email",
  email_changed: "Changed email",
  sessions_ended: "Ended sessions",
  "member.role_changed": "Changed a role",
  "member.team_changed": "Changed a team",
  "member.removed": "Removed a member",
  "member.left": "Left the organisation",
  "member.joined": "Joined",
  "invitation.created": "Invited",
  "invitation.revoked": "Revoked an invitation",
  "org.settings_changed": "Changed settings",
  "org.ownership_transferred": "Transferred ownership",
  "api_key.created": "Created an API key",
  "api_key.revoked": "Revoked an API key",
  "data.exported": "Exported all data",
  "data.export_downloaded": "Downloaded an export",
};

function describe(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) =>
      v && typeof v === "object" && "from" in v && "to" in v ? `${k}: ${v.from} → ${v.to}` : `${k}: ${String(v)}`
    )
    .join(", ");
}

export default function AuditLog({ data, state, url }: PageProps<Data, State>) {
  return (
    <div class="max-w-5xl">
      <PageHeader
        title="Audit log"
        intro={`Membership, role and settings changes in ${state.auth.org.name}, and its members' sign-ins.`}
      />
      {data.items.length === 0
        ? <p class="text-slate-600">Nothing recorded yet.</p>
        : (
          <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
            <table class="min-w-full text-sm">
              <thead class="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" class="px-4 py-2 font-medium">When</th>
                  <th scope="col" class="px-4 py-2 font-medium">Who</th>
                  <th scope="col" class="px-4 py-2 font-medium">What</th>
                  <th scope="col" class="px-4 py-2 font-medium">Details</th>
                  <th scope="col" class="px-4 py-2 font-medium">From</th>
                </tr>
              </thead>
              <tbody class="divide-y divide-slate-200">
                {data.items.map((item) => (
                  <tr>
                    <td class="whitespace-nowrap px-4 py-2 text-slate-600">{formatTime(item.at)}</td>
                    <td class="px-4 py-2">{item.actor ?? "a former member"}</td>
                    <td class={`px-4 py-2 ${item.action === "login_failed" ? "text-red-700" : ""}`}>
                      {LABELS[item.action] ?? item.action}
                      {item.kind === "change" && item.target
                        ? <span class="text-slate-600">: {item.target}</span>
                        : null}
                    </td>
                    <td class="max-w-xs truncate px-4 py-2 text-slate-600" title={describe(item.detail)}>
                      {item.kind === "account" ? item.target : describe(item.detail)}
                    </td>
                    <td class="whitespace-nowrap px-4 py-2 text-slate-600">{item.ip}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <OlderPage next={data.next} action={url.pathname} label="Older entries" />
    </div>
  );
}
