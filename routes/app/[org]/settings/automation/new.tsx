/** A new automation rule. */
import { PageHeader } from "@/components/AuthPanels.tsx";
import { RuleEditor } from "@/components/automation/RuleEditor.tsx";
import { UpgradeNotice } from "@/components/automation/UpgradeNotice.tsx";
import { editorHandlers, type EditorPage } from "@/lib/automation/editor_handlers.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { orgPath } from "@/lib/http/paths.ts";

export const handler = editorHandlers(null);

export default function NewRule({ data, state }: PageProps<EditorPage, { auth: AuthContext }>) {
  return (
    <div class="max-w-3xl">
      <PageHeader title="New automation rule" intro="When something happens to a deal or lead, do things for you." />
      <UpgradeNotice path={data.upgrade} />
      <RuleEditor action={orgPath(state.auth.org.slug, "settings", "automation", "new")} {...data} />
    </div>
  );
}
