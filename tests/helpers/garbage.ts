/** Garbage request bodies for the never-a-500 tests: missing fields, 10 MB strings, wrong types, odd unicode. */

export const HUGE = "x".repeat(10 * 1024 * 1024);
export const UNICODE = "Zoë 🎉 𝔘𝔫𝔦 \u0000 \u202e\uFFFF Ω≈ç√ 漢字 ‏ \ud800";

/** Bodies of every kind of garbage for a form reading `fields`. */
export function garbageBodies(fields: string[]): [label: string, init: RequestInit][] {
  const all = (v: string) => new URLSearchParams(fields.map((f) => [f, v]));
  const urlencoded = { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:8000" };
  const multipart = new FormData();
  for (const f of fields) multipart.append(f, new Blob(["file"]), "f.txt");
  const repeated = new URLSearchParams(fields.flatMap((f) => [[f, "a"], [f, "b"], [`${f}[]`, "c"]]));
  return [
    ["missing fields", { body: "", headers: urlencoded }],
    ["10 MB strings", { body: all(HUGE).toString(), headers: urlencoded }],
    ["unicode", { body: all(UNICODE).toString(), headers: urlencoded }],
    ["repeated keys", { body: repeated.toString(), headers: urlencoded }],
    ["numbers", { body: all("-1e309").toString(), headers: urlencoded }],
    ["JSON", {
      body: JSON.stringify(Object.fromEntries(fields.map((f) => [f, [1, { a: null }]]))),
      headers: { "content-type": "application/json", origin: "http://localhost:8000" },
    }],
    ["files", { body: multipart, headers: { origin: "http://localhost:8000" } }],
    ["broken multipart", {
      body: "--x\r\nnonsense",
      headers: { "content-type": "multipart/form-data; boundary=x", origin: "http://localhost:8000" },
    }],
    ["bad percent-encoding", { body: fields.map((f) => `${f}=%E0%A4%A`).join("&"), headers: urlencoded }],
  ];
}
