/**
 * The frame of a record page: its header (the record's own actions, then Edit and Delete), the record on the
 * left, logging and the timeline on the right.
 */
import type { ComponentChildren } from "preact";
import type { RecordType } from "@/db/schema.ts";
import type { AuthContext } from "@/lib/auth/guard.ts";
import { orgPath } from "@/lib/http/paths.ts";
import type { RecordExtras } from "@/lib/records/record_page.ts";
import { recordPath, RECORDS } from "@/lib/records/records.ts";
import { ActivityForm, type ActivityFormState } from "./ActivityForm.tsx";
import { Attachments } from "./Attachments.tsx";
import { RowLink } from "./DataTable.tsx";
import { Timeline } from "./Timeline.tsx";
import { Card, LinkButton, PageHeader, PostButton } from "./ui.tsx";

export function RecordPage(
  { auth, type, path, title, subtitle, actions, notice, extras, activity, children }: {
    auth: AuthContext;
    type: RecordType;
    /** The record page's own path: the activity form posts here, Edit and Delete hang below it. */
    path: string;
    title: ComponentChildren;
    subtitle: ComponentChildren;
    /** Actions of this kind of record, shown before Edit and Delete. */
    actions?: ComponentChildren;
    /** Shown between the header and the record, such as a refused change. */
    notice?: ComponentChildren;
    extras: RecordExtras;
    activity?: ActivityFormState;
    children: ComponentChildren;
  },
) {
  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          <>
            {actions}
            <LinkButton href={`${path}/edit`}>Edit</LinkButton>
            <PostButton action={`${path}/delete`} variant="danger">Delete</PostButton>
          </>
        }
      />
      {notice}
      <div class="grid gap-6 lg:grid-cols-5">
        <div class="space-y-6 lg:col-span-2">
          {children}
          {/* Uploads do not exist yet: the card shows attachments a record has and offers nothing else. */}
          {extras.attachments.length
            ? (
              <Card title="Attachments" id="attachments">
                <Attachments items={extras.attachments} />
              </Card>
            )
            : null}
        </div>
        <div class="space-y-6 lg:col-span-3">
          <div class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <ActivityForm
              action={path}
              members={extras.members}
              me={auth.user.id}
              currency={auth.org.currency}
              zone={auth.org.time_zone}
              state={activity}
            />
          </div>
          <Card title="Timeline" id="timeline">
            <Timeline
              items={extras.timeline}
              noun={RECORDS[type].noun}
              zone={auth.org.time_zone}
              taskAction={(id) => orgPath(auth.org.slug, "tasks", id, "done")}
              back={path}
            />
          </Card>
        </div>
      </div>
    </>
  );
}

/** A link to another record of the org, or null (shown as a dash in Details) when there is none. */
export function recordLink(slug: string, type: RecordType, id: string | null, label: ComponentChildren) {
  return id ? <RowLink href={recordPath(slug, type, id)}>{label}</RowLink> : null;
}
