/** The frame of a record page: the record on the left, logging and the timeline on the right. */
import type { ComponentChildren } from "preact";
import type { RecordType } from "@/db/schema.ts";
import type { RecordExtras } from "@/lib/records/record_page.ts";
import { RECORDS } from "@/lib/records/records.ts";
import { ActivityForm, type ActivityFormState } from "./ActivityForm.tsx";
import { Attachments } from "./Attachments.tsx";
import { Timeline } from "./Timeline.tsx";
import { Card } from "./ui.tsx";

export function RecordPage(
  { slug, me, type, path, extras, activity, children }: {
    slug: string;
    me: string;
    type: RecordType;
    /** The record page's own path: the activity form posts here. */
    path: string;
    extras: RecordExtras;
    activity?: ActivityFormState;
    children: ComponentChildren;
  },
) {
  return (
    <div class="grid gap-6 lg:grid-cols-5">
      <div class="space-y-6 lg:col-span-2">
        {children}
        <Card title="Attachments" id="attachments">
          <Attachments items={extras.attachments} />
        </Card>
      </div>
      <div class="space-y-6 lg:col-span-3">
        <div class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <ActivityForm action={path} members={extras.members} me={me} state={activity} />
        </div>
        <Card title="Timeline" id="timeline">
          <Timeline
            items={extras.timeline}
            noun={RECORDS[type].noun}
            taskAction={(id) => `/app/${slug}/tasks/${id}/done`}
            back={path}
          />
        </Card>
      </div>
    </div>
  );
}
