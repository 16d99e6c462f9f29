/** Records made through the same lib functions the app uses, for tests that need one to work on. */
import { withOrg } from "@/lib/data/scope.ts";
import { insertCompany } from "@/lib/records/companies.ts";

/** A company owned by `userId`, with nothing but its name; returns its id. */
export function addCompany(orgId: string, userId: string, name: string): Promise<string> {
  return withOrg(
    { orgId },
    (q) => insertCompany(q, userId, { name, owner_id: userId, domain: null, industry: null, phone: null, city: null }),
  );
}
