import { applicationStatusValues } from '@tessera/validation/tracker';
import { describe, expect, it } from 'vitest';
import { arrangeColumns, type BoardCard, boardReducer, type BoardState } from './board-state';

const card = (id: string, status: BoardCard['status']): BoardCard => ({ id, status });
const server = () => ({
  saved: { items: [card('a', 'saved'), card('b', 'saved')], total: 2 },
  applied: { items: [card('c', 'applied')], total: 5 },
});
const ids = (columns: ReturnType<typeof arrangeColumns<BoardCard>>, status: BoardCard['status']) => columns[status].items.map((c) => c.id);

describe('board optimistic moves', () => {
  it('shows a move at once: out of its column, on top of the target, totals adjusted', () => {
    const state = boardReducer<BoardCard>({}, { type: 'move', card: card('a', 'saved'), from: 'saved', to: 'applied' });
    const columns = arrangeColumns(server(), state, applicationStatusValues);
    expect(ids(columns, 'saved')).toEqual(['b']);
    expect(ids(columns, 'applied')).toEqual(['a', 'c']);
    expect(columns.applied.items[0]!.status).toBe('applied');
    expect([columns.saved.total, columns.applied.total]).toEqual([1, 6]);
  });

  it('rolls back: the card is where the server has it again', () => {
    let state: BoardState<BoardCard> = boardReducer<BoardCard>({}, { type: 'move', card: card('a', 'saved'), from: 'saved', to: 'offer' });
    state = boardReducer(state, { type: 'rollback', id: 'a' });
    expect(state).toEqual({});
    const columns = arrangeColumns(server(), state, applicationStatusValues);
    expect(ids(columns, 'saved')).toEqual(['a', 'b']);
    expect(columns.offer.items).toEqual([]);
  });

  it('does not count a card twice when the refetch already shows the move', () => {
    const state = boardReducer<BoardCard>({}, { type: 'move', card: card('a', 'saved'), from: 'saved', to: 'applied' });
    const refetched = { saved: { items: [card('b', 'saved')], total: 1 }, applied: { items: [card('a', 'applied'), card('c', 'applied')], total: 6 } };
    const columns = arrangeColumns(refetched, state, applicationStatusValues);
    expect(ids(columns, 'applied')).toEqual(['a', 'c']);
    expect(columns.applied.total).toBe(6);
    expect(columns.saved.total).toBe(1);
  });

  it('a second move before the first settles keeps the original column; moving back home cancels', () => {
    let state = boardReducer<BoardCard>({}, { type: 'move', card: card('a', 'saved'), from: 'saved', to: 'applied' });
    state = boardReducer(state, { type: 'move', card: card('a', 'applied'), from: 'applied', to: 'screening' });
    expect(state.a).toMatchObject({ from: 'saved', to: 'screening' });
    state = boardReducer(state, { type: 'move', card: card('a', 'screening'), from: 'screening', to: 'saved' });
    expect(state).toEqual({});
  });

  it('settling an unknown id changes nothing', () => {
    const state = {};
    expect(boardReducer(state, { type: 'settle', id: 'x' })).toBe(state);
  });
});
