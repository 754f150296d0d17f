import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../app/api.ts';
import { DuplicatePrompt, duplicateCandidates } from './duplicate-prompt.tsx';
import type { PersonCandidate } from './types.ts';

interface RowDuplicate {
  /** The row of `people` the server named (`people.2.person`). */
  index: number;
  candidates: PersonCandidate[];
}

/**
 * Likely duplicates in a form that registers several new people at once (the contacts of a case):
 * the server names the row; the prompt offers its candidates; a row confirmed as a new person is
 * sent again with `confirmNew`.
 *
 *   const duplicates = useBatchDuplicates();
 *   people: rows.map((row, i) => duplicates.mark(i, entryOf(row)))   // in the request
 *   onError: (e) => { if (duplicates.caught(e)) return; ... }
 *   {duplicates.prompt({ onPick: (i, person) => …, onConfirm: () => form.submit() })}
 */
export function useBatchDuplicates() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<RowDuplicate>();
  const confirmed = useRef(new Set<number>());
  return {
    /** The entry of row `index`, with `confirmNew` when the user said it is a new person. */
    mark<E extends object>(index: number, entry: E): E {
      return 'person' in entry && confirmed.current.has(index) ? { ...entry, confirmNew: true } : entry;
    },
    /** Whether `error` was a likely duplicate of a row; if so the prompt shows it. */
    caught(error: unknown): boolean {
      const candidates = duplicateCandidates(error);
      const index = Number(/^people\.(\d+)\.person$/.exec((error as ApiError).field ?? '')?.[1]);
      if (!candidates || !Number.isInteger(index)) return false;
      setOpen({ index, candidates });
      return true;
    },
    /** Forgets the confirmations (the rows changed). */
    clear() {
      confirmed.current.clear();
      setOpen(undefined);
    },
    prompt({
      onPick,
      onConfirm,
      saving,
    }: {
      /** Use the registered person for row `index` instead of a new one. */
      onPick: (index: number, person: PersonCandidate) => void;
      /** Send the form again (row `index` is now marked as a new person). */
      onConfirm: () => void;
      saving?: boolean;
    }): ReactNode {
      if (!open) return null;
      return (
        <DuplicatePrompt
          candidates={open.candidates}
          title={t('duplicates.rowTitle', { n: open.index + 1 })}
          saving={saving}
          onPick={(person) => {
            setOpen(undefined);
            onPick(open.index, person);
          }}
          onConfirmNew={() => {
            confirmed.current.add(open.index);
            setOpen(undefined);
            onConfirm();
          }}
        />
      );
    },
  };
}
