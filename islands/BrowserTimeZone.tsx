/**
 * A hidden field carrying the browser's time zone (filled once hydrated; without JavaScript it stays
 * empty and the server uses UTC).
 */
import { useEffect, useState } from "preact/hooks";

export default function BrowserTimeZone({ name }: { name: string }) {
  const [zone, setZone] = useState("");
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? ""), []);
  return <input type="hidden" name={name} value={zone} />;
}
