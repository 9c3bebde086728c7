/**
 * One renderer for the job summary and the tracking issue body.
 * OWNER: render.
 */
import type { History, Report } from '../types.js';

export interface RenderContext {
  report: Report;
  history: Pick<History, 'serverUrl' | 'workflows' | 'runs' | 'api' | 'defaultBranch' | 'gaps'>;
  target: 'summary' | 'issue';
  /** The issue body limit is 65,536 characters; the job summary 1 MiB. */
  maxChars: number;
  /** Hidden state marker (issue only), appended verbatim; counted against maxChars. */
  stateMarker?: string;
  /** When a human closed the previous tracking issue, the new one links it. */
  previousIssueUrl?: string;
  /** Renders the mute checkbox of a finding (issue only). */
  muteBox?: (id: string, muted: boolean) => string;
}

export function renderReport(ctx: RenderContext): string {
  void ctx;
  throw new Error('not implemented');
}
