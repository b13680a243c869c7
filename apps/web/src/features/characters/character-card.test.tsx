import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CharacterCard } from './character-card';
import { SectionActions } from './section-actions';
import { sectionStatuses } from './sheet-state';

describe('CharacterCard', () => {
  it('shows streamed sections, skeletons for the rest, and is a polite busy live region', () => {
    const sheet = {
      name: 'Ysolde Marrow',
      pronouns: 'she/her',
      age: 34,
      abilities: [{ name: 'Tidecall' }],
    };
    const statuses = sectionStatuses({ phase: 'streaming', sheet, completed: ['name', 'pronouns', 'age'], missing: [] });
    render(<CharacterCard sheet={sheet} statuses={statuses} live />);
    const card = screen.getByRole('article', { name: 'Character: Ysolde Marrow' });
    expect(card).toHaveAttribute('aria-live', 'polite');
    expect(card).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('heading', { level: 2, name: 'Ysolde Marrow' })).toBeInTheDocument();
    expect(screen.getByText('34 years')).toBeInTheDocument();
    // A partial ability shows its name while its description is still coming.
    const abilities = screen.getByRole('region', { name: 'Abilities' });
    expect(abilities).toHaveAttribute('data-status', 'streaming');
    expect(within(abilities).getByText('Tidecall')).toBeInTheDocument();
    const backstory = screen.getByRole('region', { name: 'Backstory' });
    expect(backstory).toHaveAttribute('data-status', 'pending');
    expect(backstory).toHaveAttribute('aria-busy', 'true');
  });

  it('marks missing sections and offers to regenerate them', () => {
    const onRegenerate = vi.fn();
    const sheet = { name: 'Ysolde', stats: null };
    const statuses = sectionStatuses({ phase: 'saved', sheet, completed: [], missing: ['stats'] });
    render(<CharacterCard sheet={sheet} statuses={statuses} onRegenerate={onRegenerate} titleAs="h1" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Ysolde' })).toBeInTheDocument();
    expect(screen.getByRole('article')).not.toHaveAttribute('aria-live');
    const stats = screen.getByRole('region', { name: 'Stats' });
    expect(within(stats).getByText('Missing.')).toBeInTheDocument();
    fireEvent.click(within(stats).getByRole('button', { name: 'Regenerate stats' }));
    expect(onRegenerate).toHaveBeenCalledWith('stats');
  });

  it('renders stats with modifiers', () => {
    const sheet = { stats: { strength: 14, dexterity: 8, constitution: 10, intelligence: 12, wisdom: 16, charisma: 11 } };
    const statuses = sectionStatuses({ phase: 'saved', sheet, completed: [], missing: [] });
    render(<CharacterCard sheet={sheet} statuses={statuses} />);
    const stats = screen.getByRole('region', { name: 'Stats' });
    expect(within(stats).getByText('14')).toBeInTheDocument();
    expect(within(stats).getByText('+2')).toBeInTheDocument();
    expect(within(stats).getByText('−1')).toBeInTheDocument();
  });
});

describe('SectionActions', () => {
  const props = { section: 'backstory' as const, missing: false, busy: false, onEdit: vi.fn(), onRegenerate: vi.fn() };

  it('is a pressed toggle when locked and blocks regenerating the locked section', () => {
    const onToggleLock = vi.fn();
    const { rerender } = render(<SectionActions {...props} locked={false} onToggleLock={onToggleLock} />);
    const toggle = screen.getByRole('button', { name: 'Lock backstory' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(toggle);
    expect(onToggleLock).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: 'Regenerate backstory' })).toBeEnabled();

    rerender(<SectionActions {...props} locked onToggleLock={onToggleLock} />);
    expect(screen.getByRole('button', { name: 'Lock backstory' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Regenerate backstory' })).toBeDisabled();
  });

  it('cannot lock a missing section', () => {
    render(<SectionActions {...props} locked={false} missing onToggleLock={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Lock backstory' })).toBeDisabled();
  });
});
