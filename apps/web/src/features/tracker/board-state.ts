import type { ApplicationStatus } from '@tessera/validation/tracker';

/** What the board shows of an application. */
export interface BoardCard {
  id: string;
  status: ApplicationStatus;
}

export interface BoardColumn<C extends BoardCard> {
  items: C[];
  total: number;
}

/** A drag the server has not confirmed yet: shown as done, undone if the server refuses it. */
export interface PendingMove<C extends BoardCard> {
  card: C;
  from: ApplicationStatus;
  to: ApplicationStatus;
}

export type BoardState<C extends BoardCard> = Record<string, PendingMove<C>>;

export type BoardAction<C extends BoardCard> =
  | { type: 'move'; card: C; from: ApplicationStatus; to: ApplicationStatus }
  /** The server confirmed and the lists were refetched: the server's columns now show the move. */
  | { type: 'settle'; id: string }
  /** The server refused: the card goes back where it was. */
  | { type: 'rollback'; id: string };

export function boardReducer<C extends BoardCard>(state: BoardState<C>, action: BoardAction<C>): BoardState<C> {
  switch (action.type) {
    case 'move': {
      const earlier = state[action.card.id];
      // Moving again before the first move settled: the card's origin is still the server's column.
      const from = earlier ? earlier.from : action.from;
      if (from === action.to) {
        const { [action.card.id]: _dropped, ...rest } = state;
        return rest;
      }
      return { ...state, [action.card.id]: { card: { ...action.card, status: action.to }, from, to: action.to } };
    }
    case 'settle':
    case 'rollback': {
      if (!(action.id in state)) return state;
      const { [action.id]: _dropped, ...rest } = state;
      return rest;
    }
  }
}

/**
 * The columns to draw: the server's columns with the pending moves applied on top. A card the
 * server already shows in its new column (a refetch won the race) is not counted twice.
 */
export function arrangeColumns<C extends BoardCard>(
  server: Partial<Record<ApplicationStatus, BoardColumn<C>>>,
  pending: BoardState<C>,
  statuses: readonly ApplicationStatus[],
): Record<ApplicationStatus, BoardColumn<C>> {
  const columns = Object.fromEntries(
    statuses.map((status) => [status, { items: [...(server[status]?.items ?? [])], total: server[status]?.total ?? 0 }]),
  ) as Record<ApplicationStatus, BoardColumn<C>>;
  for (const move of Object.values(pending)) {
    const foundIn = statuses.find((status) => columns[status].items.some((c) => c.id === move.card.id));
    // The server already shows it in its new column (a refetch won the race): nothing to do.
    if (foundIn === move.to) continue;
    const origin = columns[foundIn ?? move.from];
    if (foundIn) origin.items = origin.items.filter((c) => c.id !== move.card.id);
    origin.total = Math.max(0, origin.total - 1);
    const target = columns[move.to];
    target.items.unshift(move.card);
    target.total += 1;
  }
  return columns;
}
