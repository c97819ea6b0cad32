import { describe, expect, it } from 'vitest';
import { menuLeaves } from './AppLayout';
import { menuEntries } from './routes';

const keys = (permissions: string[]) => menuEntries(permissions).map((e) => e.key);
const leafKeys = (permissions: string[]) => menuLeaves(menuEntries(permissions)).map((e) => e.key);

const OFFICER = ['org:read', 'org:export', 'member:read', 'member:write'];

describe('menuEntries', () => {
  it('leaves 组织管理 and the member pages out of the menu of members', () => {
    expect(keys(['self:read', 'org:read'])).toEqual(['/']);
  });

  it('offers 组织管理, the 党员队伍 submenu and 预警 to org managers', () => {
    expect(keys(OFFICER)).toEqual(['/', '/orgs', '/units', 'group:members', '/warnings']);
  });

  it('nests the member pages under 党员队伍, in order, with the import and member pages left out of the menu', () => {
    const group = menuEntries(OFFICER).find((e) => e.key === 'group:members');
    expect(group?.label).toBe('党员队伍');
    expect(group?.children?.map((c) => c.label)).toEqual(['党员名册', '党员统计', '政治生日', '困难党员', '组织关系转接', '信息更正申请']);
    // The badge of waiting correction requests sits on its entry.
    expect(group?.children?.find((c) => c.key === '/members/corrections')?.badge).toBeTruthy();
    expect(leafKeys(OFFICER)).not.toContain('/members/import');
  });

  it('offers platform administrators their pages only', () => {
    expect(keys(['account:read', 'grant:manage', 'org:read'])).toEqual(['/', '/orgs', '/units', '/admin/accounts', '/admin/grants']);
    expect(keys(['audit:read'])).toEqual(['/', '/audit']);
  });
});
