import type { CharacterSection, StoredCharacterSheet } from '@tessera/validation/characters';
import { type RouterInputs, trpc } from '../../lib/trpc';

export type UpdateCharacterInput = RouterInputs['characters']['update'];

export function useCharacterList(input: { search?: string; cursor?: string; limit?: number }) {
  return trpc.characters.list.useQuery(input, { placeholderData: (previous) => previous });
}

export function useCharacter(id: string) {
  return trpc.characters.get.useQuery({ id });
}

export function useQuota() {
  return trpc.characters.quota.useQuery(undefined, { refetchInterval: 30_000 });
}

/**
 * Edits and lock changes show at once and roll back if the API refuses them.
 */
export function useUpdateCharacter(id: string) {
  const utils = trpc.useUtils();
  return trpc.characters.update.useMutation({
    onMutate: async (input) => {
      await utils.characters.get.cancel({ id });
      const previous = utils.characters.get.getData({ id });
      if (previous) {
        const sheet: StoredCharacterSheet = { ...previous.sheet, ...(input.sheet ?? {}) };
        const edited = Object.keys(input.sheet ?? {}) as CharacterSection[];
        utils.characters.get.setData(
          { id },
          {
            ...previous,
            name: input.sheet?.name ?? previous.name,
            sheet,
            missing: previous.missing.filter((s) => !edited.includes(s)),
            lockedSections: input.lockedSections ?? previous.lockedSections,
          },
        );
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) utils.characters.get.setData({ id }, context.previous);
    },
    onSuccess: (character) => utils.characters.get.setData({ id }, character),
    onSettled: () => utils.characters.list.invalidate(),
  });
}

function useReplaceCharacter() {
  const utils = trpc.useUtils();
  return (character: NonNullable<ReturnType<typeof utils.characters.get.getData>>) => {
    utils.characters.get.setData({ id: character.id }, character);
    void utils.characters.list.invalidate();
    void utils.characters.quota.invalidate();
  };
}

export function useRegenerate() {
  const replace = useReplaceCharacter();
  const utils = trpc.useUtils();
  return trpc.characters.regenerate.useMutation({ onSuccess: replace, onError: () => utils.characters.quota.invalidate() });
}

export function useRegenerateSection() {
  const replace = useReplaceCharacter();
  const utils = trpc.useUtils();
  return trpc.characters.regenerateSection.useMutation({ onSuccess: replace, onError: () => utils.characters.quota.invalidate() });
}

export function useDuplicate() {
  const utils = trpc.useUtils();
  return trpc.characters.duplicate.useMutation({
    onSuccess: (copy) => {
      utils.characters.get.setData({ id: copy.id }, copy);
      void utils.characters.list.invalidate();
    },
  });
}

export function useDeleteCharacter() {
  const utils = trpc.useUtils();
  return trpc.characters.delete.useMutation({
    onSuccess: ({ id }) => {
      utils.characters.get.setData({ id }, undefined);
      void utils.characters.list.invalidate();
    },
  });
}

export function useShare(id: string) {
  const utils = trpc.useUtils();
  const options = { onSettled: () => Promise.all([utils.characters.get.invalidate({ id }), utils.characters.list.invalidate()]) };
  return {
    enable: trpc.characters.share.enable.useMutation(options),
    disable: trpc.characters.share.disable.useMutation(options),
  };
}

/** Path of the public page for a share id; the link is built on this app's own origin. */
export function sharePath(shareId: string): string {
  return `/shared/characters/${shareId}`;
}
