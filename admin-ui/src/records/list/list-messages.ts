import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, messageOf, type FieldProblem } from '../../api/client.js';
import type { EntityView } from '../../api/types.js';
import { states } from '../../ui/states.js';

/** `filter.and[2].club.eq` → "Condition 3 (Club)": the builder's own words for a place in its filter. */
function placeOf(entity: EntityView, problem: FieldProblem): string {
  const labelOf = (key: string) => (key === '$relation' ? 'relation' : (entity.fields.find((field) => field.name === key)?.label ?? key));
  const condition = /^filter\.(?:and|or)\[(\d+)\]\.([^.]+)/.exec(problem.path);
  if (condition) return `Condition ${Number(condition[1]) + 1} (${labelOf(condition[2]!)})`;
  const member = /^filter\.([^.[]+)/.exec(problem.path);
  return member ? labelOf(member[1]!) : 'Filter';
}

/**
 * Why the list could not be shown. A filter or search the API refuses (400) names each
 * problem and offers to clear the filters; anything else (the server unreachable) can be retried.
 */
export function listFailure(entity: EntityView, error: unknown, clear: () => void, retry: () => void): TemplateResult {
  if (!(error instanceof ApiError) || error.status !== 400) return states.error(messageOf(error), retry);
  return html`<div class="error-box" role="alert">
    <p style="margin:0 0 0.5rem">This filter cannot be used${error.errors.length ? ':' : html`: ${error.message}`}</p>
    ${
      error.errors.length
        ? html`<ul style="margin:0 0 0.5rem;padding-left:1.25rem">
            ${error.errors.map((problem) => html`<li>${placeOf(entity, problem)}: ${problem.message}</li>`)}
          </ul>`
        : nothing
    }
    <button type="button" @click=${clear}>Clear filters</button>
  </div>`;
}

/** An empty list: nothing yet (with the New button when allowed), or nothing matching the filter. */
export function emptyList(entity: EntityView, filtered: boolean, clear: () => void): TemplateResult {
  const plural = entity.pluralLabel.toLowerCase();
  if (filtered) {
    return states.empty(`No ${plural} match this search or filter.`, html`<button type="button" @click=${clear}>Clear filters</button>`);
  }
  return states.empty(
    `No ${plural} yet.`,
    entity.access.create !== 'none'
      ? html`<a class="button primary" href="/records/${entity.name}/new">New ${entity.label.toLowerCase()}</a>`
      : undefined,
  );
}
