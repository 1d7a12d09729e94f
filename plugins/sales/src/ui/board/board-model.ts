import type { Board, Column, Deal } from '../shared/types.js';

/**
 * The board's arithmetic, kept apart from the elements so that an optimistic move, its undo
 * and the server's answer are all the same operation: take the deal's old version out of its
 * column (and out of that column's totals), put the new version into its stage's column.
 */

/** What a deal adds to its column's sums. */
function worth(deal: Deal): { amount: number; weighted: number } {
  const amount = typeof deal.amount?.amount === 'number' ? deal.amount.amount : 0;
  return { amount, weighted: (amount * (deal.probability ?? 0)) / 100 };
}

/** The column holding a deal, with its index, or null. */
export function findDeal(board: Board, id: string): { column: Column; index: number } | null {
  for (const column of board.stages) {
    const index = column.deals.findIndex((deal) => deal.id === id);
    if (index >= 0) return { column, index };
  }
  return null;
}

/**
 * The board with `deal` in the column of `deal.stage` (at `at`, by default the top, as the
 * newest move), taken out of wherever it was; counts, amounts and weighted amounts follow. A
 * deal whose stage is not on this board (moved to another pipeline) just leaves it.
 */
export function placeDeal(board: Board, deal: Deal, at = 0): Board {
  const found = findDeal(board, deal.id);
  const stages = board.stages.map((column) => {
    let next = column;
    if (found && found.column.id === column.id) {
      const old = worth(found.column.deals[found.index]!);
      next = {
        ...next,
        deals: next.deals.filter((candidate) => candidate.id !== deal.id),
        count: Math.max(0, next.count - 1),
        amount: next.amount - old.amount,
        weighted: next.weighted - old.weighted,
      };
    }
    if (column.id === deal.stage) {
      const added = worth(deal);
      next = {
        ...next,
        deals: [...next.deals.slice(0, at), deal, ...next.deals.slice(at)],
        count: next.count + 1,
        amount: next.amount + added.amount,
        weighted: next.weighted + added.weighted,
      };
    }
    return next;
  });
  return { ...board, stages };
}

/**
 * The deal as it will look once moved to `stageId`, before the server says so: in the new
 * stage since now, with the stage's probability unless someone set it by hand.
 */
export function movedDeal(board: Board, deal: Deal & { probability_manual?: boolean | null }, stageId: string): Deal {
  const stage = board.stages.find((column) => column.id === stageId);
  const probability = deal.probability_manual ? deal.probability : (stage?.probability ?? deal.probability);
  return { ...deal, stage: stageId, probability, days_in_stage: 0, rotting: false };
}

/** A deal the server answered with, made ready for the board (a fresh move is not rotting). */
export function fromServer(deal: Deal & { stage_entered_at?: string | null }): Deal {
  const entered = Date.parse(String(deal.stage_entered_at ?? ''));
  const daysIn = Number.isNaN(entered) ? 0 : Math.max(0, Math.floor((Date.now() - entered) / 86_400_000));
  return { ...deal, days_in_stage: deal.days_in_stage ?? daysIn, rotting: deal.rotting ?? false };
}

/** The board with more deals appended to one column (a "Load more" page). */
export function appendPage(board: Board, stageId: string, deals: Deal[], next: string | null): Board {
  return {
    ...board,
    stages: board.stages.map((column) => {
      if (column.id !== stageId) return column;
      const known = new Set(column.deals.map((deal) => deal.id));
      return { ...column, deals: [...column.deals, ...deals.filter((deal) => !known.has(deal.id))], next };
    }),
  };
}
