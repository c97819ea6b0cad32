import { describe, expect, it } from 'vitest';
import { menuEntries } from './routes';

const keys = (permissions: string[]) => menuEntries(permissions).map((e) => e.key);

describe('menuEntries', () => {
  it('leaves 组织管理 out of the menu of members', () => {
    expect(keys(['self:read', 'org:read'])).toEqual(['/']);
  });

  it('offers 组织管理, 党员名册 and 预警 to org managers', () => {
    expect(keys(['org:read', 'org:export', 'member:read', 'member:write'])).toEqual(['/', '/orgs', '/members', '/warnings']);
  });

  it('offers platform administrators their pages only', () => {
    expect(keys(['account:read', 'grant:manage', 'org:read'])).toEqual(['/', '/orgs', '/admin/accounts', '/admin/grants']);
    expect(keys(['audit:read'])).toEqual(['/', '/audit']);
  });
});
