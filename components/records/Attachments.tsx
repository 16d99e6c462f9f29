/** A record's attachments (metadata; file storage comes later), shown only when it has some. */
import { formatDate } from "./format.ts";

interface Attachment {
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  created_at: Date;
  uploaded_by: string | null;
}

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

export function Attachments({ items }: { items: Attachment[] }) {
  return (
    <ul class="divide-y divide-slate-100 text-sm">
      {items.map((a) => (
        <li key={a.id} class="flex items-center justify-between gap-3 py-2">
          <span class="truncate font-medium text-slate-800">{a.file_name}</span>
          <span class="shrink-0 text-xs text-slate-500">
            {a.content_type} · {size(a.size_bytes)} · {a.uploaded_by ?? "—"} · {formatDate(a.created_at)}
          </span>
        </li>
      ))}
    </ul>
  );
}
