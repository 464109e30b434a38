import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SelectField } from '../../../renderer/src/components/SelectField.js';

describe('SelectField', () => {
  it('is found by its label, offers an "all" choice, and reports the picked value', async () => {
    const onChange = vi.fn();
    render(<SelectField label="Secret" value="" options={['hub-key', 'core-key']} onChange={onChange} allLabel="All secrets" />);
    const select = screen.getByLabelText('Secret');
    expect([...select.querySelectorAll('option')].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'All secrets'],
      ['hub-key', 'hub-key'],
      ['core-key', 'core-key'],
    ]);
    await userEvent.selectOptions(select, 'core-key');
    expect(onChange).toHaveBeenCalledWith('core-key');
  });

  it('has no "all" choice unless asked', () => {
    render(<SelectField label="System" value="tokenhub" options={['hogsend', 'tokenhub']} onChange={() => {}} />);
    expect((screen.getByLabelText('System') as HTMLSelectElement).value).toBe('tokenhub');
    expect(screen.getAllByRole('option')).toHaveLength(2);
  });
});
