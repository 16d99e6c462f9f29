/** Editing an automation rule. */
import { PageHeader } from "@/components/AuthPanels.tsx";
import { RuleEditor } from "@/components/automation/RuleEditor.tsx";
import { UpgradeNotice } from "@/components/automation/UpgradeNotice.tsx";
import { editorHandlers, type EditorPage } from "@/lib/automation/editor_handlers.ts";
import type { PageProps } from "@/lib/fresh/types.ts";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { orgPath } from "@/lib/http/paths.ts";

export const handler = editorHandlers("id");

export default function EditRule({ data, state, params }: PageProps<EditorPage, { auth: AuthContext }>) {
  const base = orgPath(state.auth.org.slug, "settings", "automation", params.id);
  return (
    <div class="max-w-3xl">
      <PageHeader
        title={`Rule: ${data.name}`}
        intro={
          <>
            <a class="underline" href={`${base}/test`}>Test this rule</a> ·{" "}
            <a
              class="underline"
              href={orgPath(state.auth.org.slug, "settings", "automation", "runs", { rule: params.id })}
            >
              Its runs
            </a>
          </>
        }
      />
      <UpgradeNotice path={data.upgrade} />
      <RuleEditor action={base} {...data} />
    </div>
  );
}
