/** `@name` in a note or activity: resolved only to the org's members, by full name or first name when unique. */

export interface Mentionable {
  id: string;
  name: string;
}

const normal = (s: string) => s.toLocaleLowerCase().replace(/\s+/g, " ");

/** The members `text` mentions; a mention stops at a letter or digit, so "@ann" does not match "Anna". */
export function mentionedMembers(text: string, members: Mentionable[]): Mentionable[] {
  const body = normal(text);
  if (!body.includes("@")) return [];
  const firstNames = new Map<string, number>();
  for (const m of members) {
    const first = normal(m.name).split(" ")[0];
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  const mentions = (handle: string) => {
    for (let at = body.indexOf(`@${handle}`); at !== -1; at = body.indexOf(`@${handle}`, at + 1)) {
      if (!/[\p{L}\p{N}]/u.test(body[at + handle.length + 1] ?? "")) return true;
    }
    return false;
  };
  return members.filter((m) => {
    const full = normal(m.name);
    const first = full.split(" ")[0];
    return mentions(full) || (firstNames.get(first) === 1 && mentions(first));
  });
}
