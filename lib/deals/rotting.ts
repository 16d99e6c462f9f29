/** A deal rots when it sits in one stage longer than the org's `rotting_days` (0 turns the flag off). */

const DAY_MS = 86_400_000;

export function daysInStage(stageEnteredAt: Date, now = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - stageEnteredAt.getTime()) / DAY_MS));
}

export function isRotting(stageEnteredAt: Date, rottingDays: number, now = new Date()): boolean {
  return rottingDays > 0 && now.getTime() - stageEnteredAt.getTime() > rottingDays * DAY_MS;
}
