// Whether a bulletin (or ranking) has anything behind it: some approved value in a ranking, a group or city total,
// or a progress warning. The same rule as Bulletins.HasApprovedValues on the server, which refuses to finalise without.
export const hasApprovedValues = (b) =>
  (b.rankings ?? []).some((r) => r.groups.some((g) => g.units.some((u) => u.scores.some((s) => s.value !== undefined && s.value !== null)))) ||
  (b.totals ?? []).some((x) => x.actual !== undefined && x.actual !== null) ||
  (b.warnings ?? []).length > 0;
