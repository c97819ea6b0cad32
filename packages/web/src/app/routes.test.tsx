import { describe, expect, it } from 'vitest';
import { menuLeaves } from './AppLayout';
import { appRoutes, menuEntries } from './routes';

const keys = (permissions: string[]) => menuEntries(permissions).map((e) => e.key);
const leafKeys = (permissions: string[]) => menuLeaves(menuEntries(permissions)).map((e) => e.key);

const OFFICER = ['org:read', 'org:export', 'member:read', 'member:write'];

describe('menuEntries', () => {
  it('leaves 组织管理 and the member pages out of the menu of members', () => {
    expect(keys(['self:read', 'org:read'])).toEqual(['/']);
  });

  it('offers 组织管理, the 党员队伍 submenu, 预警 and 规则与依据 to org managers', () => {
    expect(keys(OFFICER)).toEqual(['/', '/orgs', '/units', 'group:members', '/warnings', '/regulations']);
  });

  it('nests the member pages under 党员队伍, in order, with the import and member pages left out of the menu', () => {
    const group = menuEntries(OFFICER).find((e) => e.key === 'group:members');
    expect(group?.label).toBe('党员队伍');
    expect(group?.children?.map((c) => c.label)).toEqual(['党员名册', '党员统计', '政治生日', '困难党员', '组织关系转接', '信息更正申请']);
    // The badge of waiting correction requests sits on its entry.
    expect(group?.children?.find((c) => c.key === '/members/corrections')?.badge).toBeTruthy();
    expect(leafKeys(OFFICER)).not.toContain('/members/import');
  });

  it('nests 活动记录 and 支部亮灯 under 组织生活 for those who read activities', () => {
    const officer = [...OFFICER, 'meeting:read', 'meeting:write'];
    expect(keys(officer)).toEqual(['/', '/orgs', '/units', 'group:members', 'group:meetings', '/warnings', '/regulations']);
    const group = menuEntries(officer).find((e) => e.key === 'group:meetings');
    expect(group?.label).toBe('组织生活');
    expect(group?.children?.map((c) => [c.key, c.label])).toEqual([
      ['/meetings', '活动记录'],
      ['/compliance', '支部亮灯'],
    ]);
    expect(leafKeys(officer)).not.toContain('/meetings/new');
    // Members have neither.
    expect(leafKeys(['self:read', 'org:read'])).not.toContain('/meetings');
  });

  it('needs meeting:write to record an activity, meeting:read to see one', () => {
    const route = (path: string) => appRoutes.find((r) => r.path === path);
    expect(route('/meetings/new')?.access).toEqual({ anyOf: ['meeting:write'] });
    expect(route('/meetings/:id')?.access).toEqual({ anyOf: ['meeting:read'] });
    expect(route('/compliance/branch')?.access).toEqual({ anyOf: ['meeting:read'] });
  });

  it('nests 问题整改 pages under one group; issuing pages need rectification:issue', () => {
    const branch = [...OFFICER, 'rectification:read', 'rectification:write'];
    const organ = [...branch, 'rectification:issue'];
    expect(menuEntries(organ).find((e) => e.key === 'group:rectification')?.children?.map((c) => c.label)).toEqual(['我的整改', '下发与审核', '分析']);
    // A branch officer sees 我的整改 alone, unnested.
    expect(keys(branch)).toContain('/rectification');
    expect(leafKeys(branch)).not.toContain('/rectification/batches');
    const route = (path: string) => appRoutes.find((r) => r.path === path);
    expect(route('/rectification/problems/:id')?.access).toEqual({ anyOf: ['rectification:read'] });
    expect(route('/rectification/batches/:id')?.access).toEqual({ anyOf: ['rectification:issue'] });
  });

  it('offers platform administrators their pages only', () => {
    expect(keys(['account:read', 'grant:manage', 'org:read'])).toEqual(['/', '/orgs', '/units', '/admin/accounts', '/admin/grants']);
    expect(keys(['audit:read'])).toEqual(['/', '/audit']);
  });
});
