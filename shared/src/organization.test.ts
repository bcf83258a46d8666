import { describe, expect, it } from 'vitest';
import { executiveRoleLabel } from './organization';

describe('executiveRoleLabel', () => {
  it('names the executive role by the organization’s title in bokmål and nynorsk', () => {
    expect(executiveRoleLabel('Rådmann', 'nb', 'Kommunedirektør')).toBe('Rådmann');
    expect(executiveRoleLabel('radmann', 'nn', 'Kommunedirektør')).toBe('Rådmann');
    expect(executiveRoleLabel('Kommunedirektør', 'nb', 'Kommunedirektør')).toBe('Kommunedirektør');
  });

  it('keeps the catalog’s label in English and when the title is unknown or missing', () => {
    expect(executiveRoleLabel('Rådmann', 'en', 'Chief executive')).toBe('Chief executive');
    expect(executiveRoleLabel(null, 'nb', 'Kommunedirektør')).toBe('Kommunedirektør');
    expect(executiveRoleLabel('Ordfører', 'nb', 'Kommunedirektør')).toBe('Kommunedirektør');
  });
});
