/**
 * The report's categories, most important first: the order breaks ties between findings of the
 * same severity, cost and reach, and the label names a category in the report. The ids are part
 * of the public JSON report (`findings[].category`): never rename one. A rule names its category
 * (`Rule.category`); several rules share one, so label and rank live here, once.
 */
export const CATEGORIES = [
  { id: 'recurring-failure', label: 'Recurring failures' },
  { id: 'flaky-test', label: 'Flaky tests' },
  { id: 'coverage', label: 'Coverage' },
  { id: 'image-rebuild', label: 'Image rebuilds' },
  { id: 'slow', label: 'Slow jobs and tests' },
  { id: 'warning', label: 'Warnings' },
  { id: 'log-noise', label: 'Log noise' },
  { id: 'other', label: 'Other' },
] as const;

export type Category = (typeof CATEGORIES)[number]['id'];

export const CATEGORY_ORDER: readonly Category[] = CATEGORIES.map((c) => c.id);

export const CATEGORY_LABEL = Object.fromEntries(CATEGORIES.map((c) => [c.id, c.label])) as Record<Category, string>;
