/** Shown when the plan's limit on active rules refused a change: where an owner upgrades. */
export function UpgradeNotice({ path }: { path?: string }) {
  if (!path) return null;
  return (
    <p class="mb-4 text-sm">
      <a class="font-medium text-brand-600 underline" href={path}>See plans and upgrade</a>{" "}
      (an owner can change the plan), or pause another rule.
    </p>
  );
}
