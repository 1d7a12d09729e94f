import { ApiProblem, messageOf } from '../shared/api.js';
import { lostReasons } from '../shared/settings.js';
import type { Board, Deal } from '../shared/types.js';
import { postMove } from './board-api.js';
import { findDeal, fromServer, movedDeal, placeDeal } from './board-model.js';
import type { SalesLostDialog } from './sales-lost-dialog.js';

/** What a move needs from the board it happens on. */
export interface MoveHost {
  board(): Board | null;
  setBoard(board: Board): void;
  setBusy(dealId: string, busy: boolean): void;
  /** A quiet announcement for assistive technology ("Moved … to Won"). */
  announce(text: string): void;
  /** A message the user must see (a conflict, a refusal). */
  warn(text: string): void;
  dialog: SalesLostDialog;
}

/**
 * Moves a deal to a stage the way a user expects of a board: a lost stage first asks why
 * (Cancel leaves the deal where it was); the card moves at once and the totals follow; the
 * server is told with the `updated_at` the card was drawn with. If someone else changed the
 * deal meanwhile (409), the card shows the deal as it now is and the user is told; any other
 * refusal puts the card back and says why (a refused lost reason asks again).
 */
export async function moveOnBoard(host: MoveHost, dealId: string, stageId: string): Promise<void> {
  const start = host.board();
  const found = start && findDeal(start, dealId);
  const target = start?.stages.find((column) => column.id === stageId);
  if (!start || !found || !target) return;
  const deal = found.column.deals[found.index] as Deal & { probability_manual?: boolean | null };
  const from = { stage: found.column.name, index: found.index };
  let reason: string | undefined;
  let refused = '';
  const reasons = target.kind === 'lost' ? await lostReasons() : null;
  for (;;) {
    if (reasons) {
      const answer = await host.dialog.ask(deal.title, reasons.reasons, reasons.fixed, refused);
      if (answer === null) {
        host.announce(`“${deal.title}” stays in ${from.stage}.`);
        return;
      }
      reason = answer;
    }
    host.setBoard(placeDeal(host.board() ?? start, movedDeal(start, deal, stageId)));
    host.setBusy(deal.id, true);
    try {
      const saved = await postMove(deal, stageId, reason);
      host.setBoard(placeDeal(host.board() ?? start, fromServer(saved)));
      host.announce(`Moved “${deal.title}” to ${target.name}.`);
      return;
    } catch (error) {
      // Back where it was drawn, then as the server says it is.
      host.setBoard(placeDeal(host.board() ?? start, deal, from.index));
      const current = error instanceof ApiProblem && error.status === 409 ? (error.body.current as Deal | undefined) : undefined;
      if (current) {
        host.setBoard(placeDeal(host.board() ?? start, fromServer(current)));
        host.warn(
          `Someone else changed “${deal.title}” since the board was loaded. The card now shows it as it is; move it again if you still want to.`,
        );
        return;
      }
      const onReason = error instanceof ApiProblem ? error.forField('lost_reason') : undefined;
      if (reasons && onReason) {
        refused = `The lost reason ${onReason}`;
        continue;
      }
      host.warn(`“${deal.title}” could not be moved to ${target.name}: ${messageOf(error)}`);
      return;
    } finally {
      host.setBusy(deal.id, false);
    }
  }
}
