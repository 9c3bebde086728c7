/** The bench's repositories: the cold audit's, then one a day later for each night. */
import { benchWorlds } from '../bench/world.js';

describe('benchWorlds', () => {
  it('gives each night the runs of the night before plus a day of new ones', () => {
    const { cold, nights } = benchWorlds(100, 10, 7, 3);
    expect(nights).toHaveLength(3);
    const ids = (w: typeof cold) => new Set(w.runs.map((r) => r.id));
    let before = cold;
    for (const night of nights) {
      const day = Date.parse(night.now) - Date.parse(before.now);
      expect(day).toBe(86_400_000);
      // Every run completed before stays; new ones arrive (a seventh of the size, on average).
      for (const id of ids(before)) expect(ids(night).has(id)).toBe(true);
      expect(night.runs.length).toBeGreaterThan(before.runs.length);
      expect(night.runs.every((r) => Date.parse(r.updated_at) < Date.parse(night.now))).toBe(true);
      before = night;
    }
    // At least `size` runs before the first audit, whatever the generator's days.
    expect(cold.runs.length).toBeGreaterThanOrEqual(100);
    const added = nights[2]!.runs.length - cold.runs.length;
    expect(added).toBeGreaterThan(3 * 7);
    expect(added).toBeLessThan(3 * 21);
  });

  it('gives one night by default', () => {
    const { cold, nights } = benchWorlds(100, 10);
    expect(nights).toHaveLength(1);
    expect(cold.runs.length).toBeGreaterThanOrEqual(100);
    expect(Date.parse(nights[0]!.now) - Date.parse(cold.now)).toBe(86_400_000);
  });
});
