/** The shapes of what the sales routes and the records API answer, as the UI reads them. */

/** A currency amount as the API stores it. */
export interface Money {
  amount: number;
  currency: string;
}

/** A deal as the board shows it (the record plus `days_in_stage` and `rotting`). */
export interface Deal {
  id: string;
  title: string;
  amount: Money | null;
  expected_close: string | null;
  probability: number | null;
  pipeline: string | null;
  stage: string | null;
  company: string | null;
  contact: string | null;
  owner_id: string | null;
  updated_at: string;
  days_in_stage?: number;
  rotting?: boolean;
  lost_reason?: string | null;
}

/** Whether a stage is still open, or closes deals as won or lost. */
export type StageKind = 'open' | 'won' | 'lost';

/** A stage of a pipeline. */
export interface Stage {
  id: string;
  pipeline: string;
  name: string;
  position: number;
  probability: number | null;
  kind: StageKind;
  rotting_days: number | null;
}

/** A board column: a stage with its totals, first page of deals and the cursor of the next. */
export interface Column extends Stage {
  count: number;
  amount: number;
  weighted: number;
  deals: Deal[];
  next: string | null;
}

/** A pipeline. */
export interface Pipeline {
  id: string;
  name: string;
  is_default: boolean | null;
}

/** `GET /pipelines/:id/board`. */
export interface Board {
  pipeline: Pipeline;
  stages: Column[];
}

/** Counts and sums of one slice of the forecast. */
export interface Totals {
  count: number;
  amount: number;
  weighted: number;
}

/** `GET /forecast`. */
export interface Forecast {
  total: Totals;
  byMonth: Array<Totals & { month: string | null }>;
  byStage: Array<Totals & { stage: { id: string; name?: string; position?: number; pipeline?: string } | null }>;
  byOwner: Array<Totals & { owner: string | null }>;
}

/** An open activity from `GET /activities/due`. */
export interface Activity {
  id: string;
  kind: 'call' | 'meeting' | 'task' | 'email';
  subject: string;
  due_at: string | null;
  done: boolean | null;
  notes: string | null;
  owner_id: string | null;
  updated_at: string;
  overdue: boolean;
}

/** A group of `GET /api/records/:entity/:id/relations` (only what the UI reads). */
export interface RelationGroup {
  type: { key: string; label: string };
  relations: Array<{ id: string; object: { entity: string; id: string; label?: string | null } }>;
}

/** The signed-in user, from `GET /api/auth/me`. */
export interface Me {
  id: string;
  email: string;
  name: string | null;
  isAdmin: boolean;
}
