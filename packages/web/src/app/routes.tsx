import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  BulbOutlined,
  CalendarOutlined,
  FileDoneOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Permission } from '../api/types';
import { OpenCorrectionsBadge } from '../features/members/OpenCorrectionsBadge';
import { showInMenu, type AccessRule } from './access';
import { AppLayout, type MenuEntry } from './AppLayout';
import { NotFoundPage } from './ErrorPages';
import { FullPageSpin, RequireAccess, RequireAuth } from './RequireAuth';

/** React.lazy for a page module with a named export. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = page(() => import('../features/auth/LoginPage'), 'LoginPage');
const ChangePasswordPage = page(() => import('../features/auth/ChangePasswordPage'), 'ChangePasswordPage');
const HomePage = page(() => import('../features/home/HomePage'), 'HomePage');
const OrgsPage = page(() => import('../features/orgs/OrgsPage'), 'OrgsPage');
const UnitsPage = page(() => import('../features/units/UnitsPage'), 'UnitsPage');
const MembersPage = page(() => import('../features/members/MembersPage'), 'MembersPage');
const MemberDetailPage = page(() => import('../features/members/MemberDetailPage'), 'MemberDetailPage');
const ImportPage = page(() => import('../features/members/ImportPage'), 'ImportPage');
const MemberStatsPage = page(() => import('../features/members/MemberStatsPage'), 'MemberStatsPage');
const BirthdaysPage = page(() => import('../features/members/BirthdaysPage'), 'BirthdaysPage');
const HardshipPage = page(() => import('../features/members/HardshipPage'), 'HardshipPage');
const TransfersPage = page(() => import('../features/members/TransfersPage'), 'TransfersPage');
const CorrectionsPage = page(() => import('../features/members/CorrectionsPage'), 'CorrectionsPage');
const MeetingsPage = page(() => import('../features/meetings/MeetingsPage'), 'MeetingsPage');
const MeetingNewPage = page(() => import('../features/meetings/MeetingNewPage'), 'MeetingNewPage');
const MeetingPage = page(() => import('../features/meetings/MeetingPage'), 'MeetingPage');
const CompliancePage = page(() => import('../features/compliance/CompliancePage'), 'CompliancePage');
const BranchCompliancePage = page(() => import('../features/compliance/BranchCompliancePage'), 'BranchCompliancePage');
const ProblemsPage = page(() => import('../features/rectification/ProblemsPage'), 'ProblemsPage');
const ProblemPage = page(() => import('../features/rectification/ProblemPage'), 'ProblemPage');
const BatchesPage = page(() => import('../features/rectification/BatchesPage'), 'BatchesPage');
const BatchBoardPage = page(() => import('../features/rectification/BatchBoardPage'), 'BatchBoardPage');
const RectAnalysisPage = page(() => import('../features/rectification/AnalysisPage'), 'AnalysisPage');
const WarningsPage = page(() => import('../features/warnings/WarningsPage'), 'WarningsPage');
const RegulationsPage = page(() => import('../features/regulations/RegulationsPage'), 'RegulationsPage');
const AccountsPage = page(() => import('../features/accounts/AccountsPage'), 'AccountsPage');
const GrantsPage = page(() => import('../features/grants/GrantsPage'), 'GrantsPage');
const AuditPage = page(() => import('../features/audit/AuditPage'), 'AuditPage');
const SettingsPage = page(() => import('../features/settings/SettingsPage'), 'SettingsPage');

export interface AppRoute {
  path: string;
  element: ReactNode;
  /** Menu label; routes without one are not in the menu. */
  label?: string;
  icon?: ReactNode;
  access: AccessRule;
  /** Left out of the menu of users holding this permission (the route itself stays open to them). */
  menuHiddenFor?: Permission;
  /** 'bare' pages (login, change password) render without the app layout. */
  layout?: 'app' | 'bare';
  /** The submenu the entry sits in (MENU_GROUPS). */
  group?: MenuGroupKey;
  /** Shown after the menu label (e.g. a count of things waiting). */
  badge?: ReactNode;
}

/** Submenus, each placed where its first visible entry is; a group with a single visible entry is not nested. */
export const MENU_GROUPS = {
  members: { label: '党员队伍', icon: <TeamOutlined /> },
  meetings: { label: '组织生活', icon: <CalendarOutlined /> },
  rectification: { label: '问题整改', icon: <FileDoneOutlined /> },
} as const satisfies Record<string, { label: string; icon: ReactNode }>;
export type MenuGroupKey = keyof typeof MENU_GROUPS;

const memberRead: AccessRule = { anyOf: ['member:read'] };
const meetingRead: AccessRule = { anyOf: ['meeting:read'] };
const rectRead: AccessRule = { anyOf: ['rectification:read'] };
const rectIssue: AccessRule = { anyOf: ['rectification:issue'] };

/** The one route table: it builds both the router and the left menu. */
export const appRoutes: AppRoute[] = [
  { path: '/login', element: <LoginPage />, access: 'public', layout: 'bare' },
  { path: '/change-password', element: <ChangePasswordPage />, access: 'authenticated', layout: 'bare' },
  { path: '/', element: <HomePage />, label: '首页', icon: <HomeOutlined />, access: 'authenticated' },
  {
    path: '/orgs',
    element: <OrgsPage />,
    label: '组织管理',
    icon: <ApartmentOutlined />,
    access: { anyOf: ['org:read'] },
    // 党员 read their own branch only, and see its basics on the home page.
    menuHiddenFor: 'self:read',
  },
  { path: '/units', element: <UnitsPage />, label: '单位管理', icon: <BankOutlined />, access: { anyOf: ['org:read'] }, menuHiddenFor: 'self:read' },
  { path: '/members', element: <MembersPage />, label: '党员名册', icon: <TeamOutlined />, group: 'members', access: memberRead },
  { path: '/members/stats', element: <MemberStatsPage />, label: '党员统计', group: 'members', access: memberRead },
  { path: '/members/birthdays', element: <BirthdaysPage />, label: '政治生日', group: 'members', access: memberRead },
  { path: '/members/hardship', element: <HardshipPage />, label: '困难党员', group: 'members', access: memberRead },
  { path: '/members/transfers', element: <TransfersPage />, label: '组织关系转接', group: 'members', access: memberRead },
  {
    path: '/members/corrections',
    element: <CorrectionsPage />,
    label: '信息更正申请',
    group: 'members',
    badge: <OpenCorrectionsBadge />,
    access: memberRead,
  },
  { path: '/members/import', element: <ImportPage />, access: { anyOf: ['member:write'] } },
  { path: '/members/:id', element: <MemberDetailPage />, access: memberRead },
  { path: '/meetings', element: <MeetingsPage />, label: '活动记录', icon: <CalendarOutlined />, group: 'meetings', access: meetingRead },
  { path: '/compliance', element: <CompliancePage />, label: '支部亮灯', icon: <BulbOutlined />, group: 'meetings', access: meetingRead },
  { path: '/meetings/new', element: <MeetingNewPage />, access: { anyOf: ['meeting:write'] } },
  { path: '/meetings/:id', element: <MeetingPage />, access: meetingRead },
  { path: '/compliance/branch', element: <BranchCompliancePage />, access: meetingRead },
  { path: '/rectification', element: <ProblemsPage />, label: '我的整改', icon: <FileDoneOutlined />, group: 'rectification', access: rectRead },
  { path: '/rectification/batches', element: <BatchesPage />, label: '下发与审核', group: 'rectification', access: rectIssue },
  { path: '/rectification/analysis', element: <RectAnalysisPage />, label: '分析', group: 'rectification', access: rectIssue },
  { path: '/rectification/batches/:id', element: <BatchBoardPage />, access: rectIssue },
  { path: '/rectification/problems/:id', element: <ProblemPage />, access: rectRead },
  { path: '/warnings', element: <WarningsPage />, label: '预警', icon: <AlertOutlined />, access: { anyOf: ['member:read'] } },
  // Every computed warning names its rule; this page lists the rules, their dated parameters and citations.
  { path: '/regulations', element: <RegulationsPage />, label: '规则与依据', icon: <BookOutlined />, access: { anyOf: ['member:read', 'meeting:read'] } },
  {
    path: '/admin/accounts',
    element: <AccountsPage />,
    label: '账号管理',
    icon: <UserOutlined />,
    access: { anyOf: ['account:manage', 'account:read'] },
  },
  {
    path: '/admin/grants',
    element: <GrantsPage />,
    label: '角色授权',
    icon: <SafetyCertificateOutlined />,
    access: { anyOf: ['grant:manage'] },
  },
  { path: '/audit', element: <AuditPage />, label: '审计日志', icon: <AuditOutlined />, access: { anyOf: ['audit:read'] } },
  {
    path: '/admin/settings',
    element: <SettingsPage />,
    label: '安全设置',
    icon: <SettingOutlined />,
    access: { anyOf: ['settings:read'] },
  },
];

export const menuGroupKey = (group: MenuGroupKey) => `group:${group}`;

/**
 * Menu entries the permissions allow, in table order; entries of a group are nested in its submenu, placed
 * where the group's first entry is (a group with one visible entry shows it unnested).
 */
export function menuEntries(permissions: readonly string[]): MenuEntry[] {
  const visible = appRoutes.filter((r) => r.label !== undefined && (r.layout ?? 'app') === 'app' && showInMenu(r.access, permissions, r.menuHiddenFor));
  const entries: MenuEntry[] = [];
  const groups = new Map<MenuGroupKey, MenuEntry>();
  for (const r of visible) {
    const entry: MenuEntry = { key: r.path, label: r.label ?? r.path, icon: r.icon, badge: r.badge };
    if (!r.group) {
      entries.push(entry);
      continue;
    }
    let group = groups.get(r.group);
    if (!group) {
      const spec = MENU_GROUPS[r.group];
      group = { key: menuGroupKey(r.group), label: spec.label, icon: spec.icon, children: [] };
      groups.set(r.group, group);
      entries.push(group);
    }
    group.children?.push({ ...entry, icon: undefined });
  }
  return entries.map((e) => {
    const only = e.children?.length === 1 ? e.children[0] : undefined;
    return only ? { ...only, icon: appRoutes.find((r) => r.path === only.key)?.icon } : e;
  });
}

function bare(element: ReactNode): ReactNode {
  return <Suspense fallback={<FullPageSpin />}>{element}</Suspense>;
}

export function buildRoutes(): RouteObject[] {
  const bareRoutes = appRoutes.filter((r) => r.layout === 'bare');
  const layoutRoutes = appRoutes.filter((r) => (r.layout ?? 'app') === 'app');
  return [
    ...bareRoutes.map((r) => ({ path: r.path, element: bare(r.element) })),
    {
      element: (
        <RequireAuth>
          <AppLayout menuFor={menuEntries} />
        </RequireAuth>
      ),
      children: [
        ...layoutRoutes.map((r) => ({
          path: r.path,
          element: <RequireAccess rule={r.access}>{r.element}</RequireAccess>,
        })),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

export function buildRouter() {
  return createBrowserRouter(buildRoutes());
}
