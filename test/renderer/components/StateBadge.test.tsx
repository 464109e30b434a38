import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DRIFT_STATE_LABEL, DriftState } from '../../../shared/domain.js';
import { StateBadge } from '../../../renderer/src/components/StateBadge.js';

describe('StateBadge', () => {
  it('shows every drift state in words, with its colour class beside them', () => {
    for (const state of DriftState.options) {
      const { container, unmount } = render(<StateBadge state={state} />);
      const badge = container.querySelector('.badge')!;
      expect(badge).toHaveTextContent(DRIFT_STATE_LABEL[state]);
      expect(badge).toHaveClass(`state-${state}`);
      unmount();
    }
  });
});
