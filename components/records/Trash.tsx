/** "Recently deleted": what can still be restored, and the notice with an undo after a delete. */
import { RESTORE_DAYS } from "@/lib/records/trash.ts";
import type { DeletedRecord } from "@/lib/records/trash.ts";
import { UUID } from "@/lib/records/fields.ts";
import { DataTable } from "./DataTable.tsx";
import { formatDateTime } from "./format.ts";
import { Notice, PostButton } from "./ui.tsx";

export function DeletedNotice({ url, base, noun }: { url: URL; base: string; noun: string }) {
  const id = url.searchParams.get("deleted");
  if (!id || !UUID.test(id)) return null;
  return (
    <Notice>
      <span>The {noun} was deleted. You can restore it for {RESTORE_DAYS} days.</span>
      <PostButton action={`${base}/${id}/restore`}>Undo</PostButton>
      <a href={`${base}/deleted`} class="underline">Recently deleted</a>
    </Notice>
  );
}

export function TrashTable({ rows, base, noun }: { rows: DeletedRecord[]; base: string; noun: string }) {
  const until = (d: Date) => new Date(d.getTime() + RESTORE_DAYS * 86_400_000);
  return (
    <DataTable
      caption={`Recently deleted ${noun}`}
      rows={rows}
      empty={`No ${noun} deleted in the last ${RESTORE_DAYS} days.`}
      columns={[
        { label: "Name", render: (r) => r.title },
        { label: "Deleted", render: (r) => formatDateTime(r.deleted_at) },
        { label: "Restorable until", render: (r) => formatDateTime(until(r.deleted_at)), wide: true },
        { label: "Action", render: (r) => <PostButton action={`${base}/${r.id}/restore`}>Restore</PostButton> },
      ]}
    />
  );
}
