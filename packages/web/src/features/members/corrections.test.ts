import { describe, expect, it } from 'vitest';
import { correctionStatusLabel } from './corrections';

describe('correctionStatusLabel', () => {
  it('uses the server\'s names', () => {
    expect(correctionStatusLabel({ correctionStatuses: [{ code: 'open', label: '待核实' }] }, 'open')).toBe('待核实');
  });

  it('shows a state as it is while the code tables are loading or when the state is unknown', () => {
    expect(correctionStatusLabel(undefined, 'open')).toBe('open');
    expect(correctionStatusLabel({ correctionStatuses: [] }, 'withdrawn')).toBe('withdrawn');
  });
});
