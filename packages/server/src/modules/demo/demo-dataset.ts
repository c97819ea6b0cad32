/**
 * Deterministic demo dataset: a provincial organs work committee (省直机关工委) with six organs,
 * about forty branches and about six hundred members, plus the fixed demo accounts.
 *
 * The generator is pure: no I/O, no clock, no Math.random. Everything random comes from a small
 * seeded PRNG (mulberry32), so the same `seed` and `asOf` always give the same dataset.
 * `asOf` (an ISO date) anchors ages, Party standing and probationary periods.
 */

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type DemoOrgType =
  | 'work_committee'
  | 'party_committee'
  | 'organ_party_committee'
  | 'general_branch'
  | 'branch'
  | 'joint_branch'
  | 'temporary_branch'
  | 'party_small_group';

export interface DemoOrg {
  key: string;
  parentKey: string | null;
  type: DemoOrgType;
  name: string;
  shortName: string;
  code: string;
}

export interface DemoMember {
  key: string;
  orgKey: string;
  name: string;
  gender: 'male' | 'female';
  /** GB/T 3304 name, e.g. 汉族 (the loader stores its code). */
  ethnicity: string;
  /** 党统学历 name, e.g. 硕士研究生, 大学 (the loader stores its code). */
  education: string;
  birthDate: string;
  joinedOn: string;
  fullMemberOn: string | null;
  category: 'full' | 'probationary';
  status: 'normal' | 'mobile' | 'lost_contact';
  position: string;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  role: 'committee_admin' | 'organ_admin' | 'branch_officer' | 'member' | 'system_admin' | 'security_admin' | 'auditor';
  orgKey: string | null;
  memberKey: string | null;
}

export interface DemoDataset {
  orgs: DemoOrg[];
  members: DemoMember[];
  accounts: DemoAccount[];
}

// ---------------------------------------------------------------------------------------------
// Data tables: organization structure
// ---------------------------------------------------------------------------------------------

/** Which staff a branch holds; drives positions, education and ages. */
type BranchKind = 'division' | 'research' | 'technical' | 'retiree' | 'temporary';

interface BranchSpec {
  key: string;
  shortName: string;
  kind: BranchKind;
  /** Base member count; sizes of 12 or more get a seeded ±2. */
  size: number;
  /** Position of the head (= branch secretary) and of the deputies. */
  head: string;
  deputy: string;
  type?: 'branch' | 'joint_branch' | 'temporary_branch';
  /** Full name when it is not `<organ short name><shortName>`. */
  name?: string;
  /** Extra weighted positions for ordinary members under 50 (e.g. 预报员 at the observatory). */
  extraPositions?: readonly Weighted<string>[];
  /** Number of 党小组 under this branch. */
  smallGroups?: number;
}

interface GeneralBranchSpec {
  key: string;
  shortName: string;
  branches: readonly BranchSpec[];
}

interface OrganSpec {
  key: string;
  /** e.g. 省统计局; the 机关党委 is named 中共省统计局机关委员会 / 省统计局机关党委. */
  shortName: string;
  units: readonly (BranchSpec | GeneralBranchSpec)[];
}

const ROOT = { key: 'root', name: '中共省直属机关工作委员会', shortName: '省直机关工委' } as const;

const FORECASTER: readonly Weighted<string>[] = [['预报员', 5]];

const ORGANS: readonly OrganSpec[] = [
  {
    key: 'tax',
    shortName: '省税务局',
    units: [
      {
        key: 'tax.gb1',
        shortName: '机关第一党总支',
        branches: [
          { key: 'tax.office', shortName: '办公室党支部', kind: 'division', size: 16, head: '主任', deputy: '副主任' },
          { key: 'tax.general', shortName: '综合处党支部', kind: 'division', size: 12, head: '处长', deputy: '副处长' },
          { key: 'tax.collection', shortName: '征管和科技发展处党支部', kind: 'division', size: 14, head: '处长', deputy: '副处长' },
        ],
      },
      { key: 'tax.service', shortName: '纳税服务处党支部', kind: 'division', size: 15, head: '处长', deputy: '副处长' },
      { key: 'tax.goods', shortName: '货物和劳务税处党支部', kind: 'division', size: 13, head: '处长', deputy: '副处长' },
      { key: 'tax.income', shortName: '所得税处党支部', kind: 'division', size: 12, head: '处长', deputy: '副处长' },
      { key: 'tax.inspection', shortName: '稽查局党支部', kind: 'division', size: 34, head: '局长', deputy: '副局长', smallGroups: 3 },
      { key: 'tax.personnel', shortName: '人事处党支部', kind: 'division', size: 9, head: '处长', deputy: '副处长' },
      { key: 'tax.it', shortName: '信息中心党支部', kind: 'technical', size: 18, head: '主任', deputy: '副主任' },
      { key: 'tax.retirees', shortName: '离退休干部党支部', kind: 'retiree', size: 32, head: '退休干部', deputy: '退休干部', smallGroups: 3 },
    ],
  },
  {
    key: 'stats',
    shortName: '省统计局',
    units: [
      { key: 'stats.office', shortName: '办公室党支部', kind: 'division', size: 11, head: '主任', deputy: '副主任' },
      { key: 'stats.general', shortName: '综合处党支部', kind: 'division', size: 15, head: '处长', deputy: '副处长' },
      { key: 'stats.accounts', shortName: '国民经济核算处党支部', kind: 'division', size: 13, head: '处长', deputy: '副处长' },
      { key: 'stats.industry', shortName: '工业和能源统计处党支部', kind: 'division', size: 12, head: '处长', deputy: '副处长' },
      { key: 'stats.population', shortName: '人口和就业统计处党支部', kind: 'division', size: 10, head: '处长', deputy: '副处长' },
      { key: 'stats.data', shortName: '数据管理中心党支部', kind: 'technical', size: 14, head: '主任', deputy: '副主任' },
      { key: 'stats.retirees', shortName: '离退休干部党支部', kind: 'retiree', size: 21, head: '退休干部', deputy: '退休干部' },
    ],
  },
  {
    // Branch types at the earthquake agency: 机关各处室, 局属事业单位, 地震监测中心站及火山站, 离退休.
    key: 'quake',
    shortName: '省地震局',
    units: [
      { key: 'quake.office', shortName: '办公室党支部', kind: 'division', size: 12, head: '主任', deputy: '副主任' },
      { key: 'quake.forecast', shortName: '监测预报处党支部', kind: 'division', size: 10, head: '处长', deputy: '副处长' },
      { key: 'quake.defense', shortName: '震害防御处党支部', kind: 'division', size: 8, head: '处长', deputy: '副处长' },
      { key: 'quake.research', shortName: '地震预报研究中心党支部', kind: 'technical', size: 17, head: '主任', deputy: '副主任' },
      { key: 'quake.info', shortName: '地震信息中心党支部', kind: 'technical', size: 11, head: '主任', deputy: '副主任' },
      { key: 'quake.station', shortName: '地震监测中心站党支部', kind: 'technical', size: 13, head: '站长', deputy: '副站长' },
      { key: 'quake.volcano', shortName: '长白山火山监测站党支部', kind: 'technical', size: 5, head: '站长', deputy: '副站长' },
      { key: 'quake.retirees', shortName: '离退休干部党支部', kind: 'retiree', size: 19, head: '退休干部', deputy: '退休干部' },
    ],
  },
  {
    key: 'academy',
    shortName: '省社会科学院',
    units: [
      { key: 'academy.office', shortName: '办公室党支部', kind: 'division', size: 13, head: '主任', deputy: '副主任' },
      { key: 'academy.economics', shortName: '经济研究所党支部', kind: 'research', size: 31, head: '所长', deputy: '副所长', smallGroups: 2 },
      { key: 'academy.law', shortName: '法学研究所党支部', kind: 'research', size: 16, head: '所长', deputy: '副所长' },
      { key: 'academy.history', shortName: '历史研究所党支部', kind: 'research', size: 14, head: '所长', deputy: '副所长' },
      { key: 'academy.philosophy', shortName: '哲学与文化研究所党支部', kind: 'research', size: 12, head: '所长', deputy: '副所长' },
      { key: 'academy.sociology', shortName: '社会学研究所党支部', kind: 'research', size: 14, head: '所长', deputy: '副所长' },
      { key: 'academy.northeast_asia', shortName: '东北亚研究所党支部', kind: 'research', size: 15, head: '所长', deputy: '副所长' },
      { key: 'academy.retirees', shortName: '离退休干部党支部', kind: 'retiree', size: 24, head: '退休干部', deputy: '退休干部' },
      {
        key: 'academy.village_team',
        shortName: '驻村工作队临时党支部',
        type: 'temporary_branch',
        kind: 'temporary',
        size: 3,
        head: '驻村第一书记',
        deputy: '副研究员',
      },
    ],
  },
  {
    key: 'weather',
    shortName: '省气象局',
    units: [
      { key: 'weather.office', shortName: '办公室党支部', kind: 'division', size: 14, head: '主任', deputy: '副主任' },
      { key: 'weather.observation', shortName: '观测与网络处党支部', kind: 'division', size: 11, head: '处长', deputy: '副处长' },
      {
        key: 'weather.observatory',
        shortName: '省气象台党支部',
        kind: 'technical',
        size: 26,
        head: '台长',
        deputy: '副台长',
        extraPositions: FORECASTER,
      },
      { key: 'weather.climate', shortName: '气候中心党支部', kind: 'technical', size: 15, head: '主任', deputy: '副主任', extraPositions: FORECASTER },
      { key: 'weather.info', shortName: '气象信息中心党支部', kind: 'technical', size: 16, head: '主任', deputy: '副主任' },
      { key: 'weather.retirees', shortName: '离退休干部党支部', kind: 'retiree', size: 18, head: '退休干部', deputy: '退休干部' },
      // Two members only, after retirements: the setup rule (≥ 3 full members) flags it for merging.
      { key: 'weather.archive', shortName: '档案馆党支部', kind: 'division', size: 2, head: '馆长', deputy: '副馆长' },
    ],
  },
  {
    // A small organ: its only branch is shared with the provincial federation of social science circles.
    key: 'law',
    shortName: '省法学会',
    units: [
      {
        key: 'law.joint',
        shortName: '法学会社科联联合党支部',
        name: '省法学会、省社科联联合党支部',
        type: 'joint_branch',
        kind: 'division',
        size: 7,
        head: '处长',
        deputy: '副处长',
      },
    ],
  },
];

const SMALL_GROUP_ORDINALS = ['第一', '第二', '第三', '第四', '第五'] as const;

// ---------------------------------------------------------------------------------------------
// Data tables: people
// ---------------------------------------------------------------------------------------------

type Weighted<T> = readonly [T, number];

/** Common surnames, weighted roughly by frequency (with a north-eastern tilt: 孙, 于, 赵, 姜). */
const SURNAMES: readonly Weighted<string>[] = [
  ['王', 72], ['李', 70], ['张', 68], ['刘', 54], ['陈', 40], ['杨', 30], ['赵', 28], ['孙', 22],
  ['黄', 18], ['周', 18], ['吴', 17], ['徐', 16], ['于', 14], ['高', 13], ['朱', 12], ['胡', 12],
  ['郭', 11], ['林', 10], ['何', 10], ['马', 10], ['姜', 9], ['罗', 8], ['梁', 8], ['宋', 8],
  ['郑', 8], ['谢', 7], ['韩', 7], ['唐', 7], ['冯', 7], ['董', 7], ['曹', 6], ['袁', 6],
  ['邓', 6], ['许', 6], ['沈', 5], ['曾', 5], ['彭', 5], ['吕', 5], ['苏', 5], ['卢', 5],
  ['蒋', 5], ['蔡', 5], ['贾', 5], ['丁', 5], ['魏', 5], ['薛', 4], ['叶', 4], ['阎', 4],
  ['潘', 4], ['杜', 4], ['戴', 4], ['夏', 4], ['田', 4], ['任', 4], ['范', 4], ['方', 4],
  ['石', 4], ['姚', 4], ['谭', 3], ['邹', 3], ['金', 3], ['陆', 3], ['郝', 3], ['孔', 3],
  ['白', 3], ['崔', 3], ['康', 3], ['毛', 3], ['秦', 3], ['史', 3], ['顾', 3], ['侯', 3],
  ['邵', 3], ['孟', 3], ['万', 2], ['段', 2], ['钱', 2], ['汤', 2], ['尹', 2], ['常', 2],
  ['武', 2], ['乔', 2], ['贺', 2], ['付', 2], ['关', 2], ['刁', 1], ['隋', 1], ['臧', 1],
];

/** Surnames typical of a minority; used for most (not all) members of that ethnicity. */
const ETHNIC_SURNAMES: Readonly<Record<string, readonly string[]>> = {
  朝鲜族: ['金', '朴', '崔', '李', '郑', '姜', '韩', '全', '尹'],
  满族: ['关', '佟', '那', '赵', '富', '索', '吴', '肇'],
  回族: ['马', '白', '丁', '杨', '海', '穆', '哈'],
  蒙古族: ['包', '白', '宝', '韩', '吴', '鲍'],
};

const ETHNICITIES: readonly Weighted<string>[] = [
  ['汉族', 880],
  ['朝鲜族', 45],
  ['满族', 45],
  ['回族', 18],
  ['蒙古族', 12],
];

type Era = 'older' | 'middle' | 'younger';

/** Given names by gender and birth era (older < 1965, younger ≥ 1985): single characters and common pairs. */
interface GivenNamePool {
  single: string;
  double: readonly string[];
}

const GIVEN_NAMES: Readonly<Record<'male' | 'female', Readonly<Record<Era, GivenNamePool>>>> = {
  male: {
    older: {
      single: '军明林刚平华福忠山民斌',
      double: [
        '建国', '国庆', '建华', '志刚', '卫东', '立新', '振华', '德胜', '永福', '金山', '宝林', '树林', '春生', '文学',
        '玉林', '国栋', '志强', '建军', '长林', '凤山', '广才', '学文', '国良', '振东', '占国', '洪亮', '庆祥',
      ],
    },
    middle: {
      single: '伟强磊军勇杰涛斌辉波峰东亮健毅松鹏',
      double: [
        '志勇', '海涛', '立军', '建伟', '晓东', '俊峰', '宏伟', '海波', '振宇', '永强', '国峰', '文涛', '志伟', '春雷',
        '红军', '继东', '晓光', '立伟', '洪涛', '海峰', '大伟', '庆华', '宏宇', '振国', '德明', '晓军', '传伟', '铁军',
        '卫国', '明辉', '景涛', '广宇',
      ],
    },
    younger: {
      single: '浩宇博鑫磊鹏超凯杰昊帅旭晨',
      double: [
        '鹏飞', '浩然', '宇航', '博文', '思远', '俊杰', '天宇', '嘉豪', '泽宇', '明轩', '晨阳', '子豪', '文博', '佳乐',
        '家豪', '宇轩', '浩楠', '志远', '鑫磊', '晓宇', '明哲', '睿哲', '天昊', '一帆', '思源', '嘉伟', '英杰', '书豪',
      ],
    },
  },
  female: {
    older: {
      single: '英兰芳珍霞红梅琴荣萍',
      double: [
        '淑珍', '秀英', '桂兰', '凤霞', '玉兰', '淑芬', '秀珍', '桂芝', '丽华', '淑华', '秀兰', '凤英', '玉梅', '素梅',
        '春花', '桂荣', '淑琴', '玉珍', '秀云', '美华', '亚琴', '凤琴', '丽君', '素芳',
      ],
    },
    middle: {
      single: '丽静敏燕娟艳芳娜玲琳颖倩洁慧莉丹',
      double: [
        '丽娟', '晓燕', '秀丽', '海燕', '春燕', '丽萍', '晓红', '艳红', '雪梅', '丽娜', '晓丽', '红梅', '艳华', '晓梅',
        '玉洁', '建红', '美玲', '春梅', '丽敏', '文娟', '秀华', '晓静', '丽丽', '红艳', '晓霞', '丹丹', '艳玲', '慧敏',
      ],
    },
    younger: {
      single: '婷欣悦佳蕾琪雯璐晶薇彤怡楠瑶雪',
      double: [
        '佳琪', '思雨', '雅琪', '晓雪', '梦洁', '欣然', '雨婷', '静怡', '文静', '晓琳', '婷婷', '佳怡', '梦瑶', '诗雨',
        '雨欣', '思琪', '欣怡', '晓彤', '婉婷', '雅楠', '梦琪', '一诺', '心怡', '紫薇', '可欣', '书瑶', '佳慧', '晶晶',
      ],
    },
  },
};

/** Names of well-known people (leaders, athletes, artists, and the officials in the seed notes) never generated. */
const BLOCKED_NAMES: ReadonlySet<string> = new Set([
  '黄强', '吴海英', '胡玉亭', '李强', '王毅', '汪洋', '王勇', '王晨', '秦刚', '刘国中', '何立峰', '贾庆林', '朱德',
  '陈毅', '贺龙', '李鹏', '马超', '黄忠', '李娜', '刘翔', '王菲', '姚明', '孙杨', '刘洋', '李宁', '郭晶晶', '王楠',
  '马龙', '林丹', '朱婷', '许海峰', '谢军', '周涛', '王杰', '张杰', '韩红', '那英', '赵薇', '朱军', '汪峰', '韩磊',
  '孙楠', '陈红', '王刚', '张国立', '王志文', '刘涛', '杨洋', '陈静', '刘德华', '黎明', '周华健', '邓超', '黄晓明',
  '王俊凯', '赵丽颖', '杨颖', '徐静蕾', '蒋欣', '宋佳', '余华', '丁玲', '萧红', '刘强东', '雷军', '王健林', '丁磊',
  '张宁', '王一博', '侯宝林', '王立军', '王文涛', '曾志伟', '马景涛', '林俊杰', '林书豪', '邓丽君', '宋丹丹', '关晓彤',
  '夏紫薇', '康辉', '李健', '刘雯', '陈晓东', '张一鸣',
]);

const SERVING_BIRTH_YEARS = { from: 1962, to: 2001 } as const;
const RETIREE_BIRTH_YEARS = { from: 1940, to: 1964 } as const;
const MALE_SHARE = 0.58;

/** Age at admission (years) for serving staff and for retirees. */
const SERVING_JOIN_AGES: readonly Weighted<number>[] = [
  [18, 2], [19, 4], [20, 8], [21, 10], [22, 10], [23, 8], [24, 6], [25, 5], [26, 4], [27, 3],
  [28, 3], [29, 2], [30, 2], [32, 2], [35, 1],
];
const RETIREE_JOIN_AGES: readonly Weighted<number>[] = [
  [19, 2], [20, 4], [22, 6], [24, 6], [26, 5], [28, 4], [30, 4], [33, 3], [36, 2], [40, 1],
];

/** Positions of ordinary members by branch kind and age band (the band with the highest `fromAge` ≤ age applies). */
interface PositionBand {
  fromAge: number;
  positions: readonly Weighted<string>[];
}

const ORDINARY_POSITIONS: Readonly<Record<BranchKind, readonly PositionBand[]>> = {
  division: [
    { fromAge: 0, positions: [['一级科员', 6], ['四级主任科员', 3]] },
    { fromAge: 30, positions: [['四级主任科员', 3], ['三级主任科员', 4], ['二级主任科员', 4], ['一级主任科员', 2]] },
    { fromAge: 40, positions: [['二级主任科员', 2], ['一级主任科员', 5], ['四级调研员', 3], ['三级调研员', 2]] },
    { fromAge: 50, positions: [['一级主任科员', 2], ['四级调研员', 2], ['三级调研员', 3], ['二级调研员', 3], ['一级调研员', 1]] },
  ],
  research: [
    { fromAge: 0, positions: [['研究实习员', 3], ['助理研究员', 4]] },
    { fromAge: 33, positions: [['助理研究员', 4], ['副研究员', 5]] },
    { fromAge: 45, positions: [['副研究员', 4], ['研究员', 5]] },
  ],
  technical: [
    { fromAge: 0, positions: [['助理工程师', 3], ['工程师', 5]] },
    { fromAge: 32, positions: [['工程师', 5], ['高级工程师', 4]] },
    { fromAge: 45, positions: [['高级工程师', 6], ['正高级工程师', 2]] },
  ],
  retiree: [{ fromAge: 0, positions: [['退休干部', 1]] }],
  temporary: [
    { fromAge: 0, positions: [['助理研究员', 1]] },
    { fromAge: 38, positions: [['副研究员', 1]] },
  ],
};

const EDUCATION: Readonly<Record<BranchKind, readonly Weighted<string>[]>> = {
  division: [['硕士研究生', 35], ['大学', 57], ['大专', 8]],
  research: [['硕士研究生', 85], ['大学', 15]],
  technical: [['硕士研究生', 42], ['大学', 50], ['大专', 8]],
  retiree: [['大学', 35], ['大专', 30], ['中等专科', 22], ['普通高中', 13]],
  temporary: [['硕士研究生', 80], ['大学', 20]],
};
/** Serving staff born before 1970 studied when postgraduate places were scarce. */
const EDUCATION_SENIOR: readonly Weighted<string>[] = [['硕士研究生', 15], ['大学', 60], ['大专', 25]];

/** Shares of members given a special category or status. */
const PROBATIONARY_SHARE = 0.03;
const MOBILE_SHARE = 0.015;

// ---------------------------------------------------------------------------------------------
// Fixed demo accounts (usernames are used by docs and tests)
// ---------------------------------------------------------------------------------------------

const ACCOUNT_PLAN = {
  committeeAdmin: { username: 'gongwei', displayName: '省直机关工委管理员' },
  /** Organ admins work in their organ's 办公室 branch; linked to its first ordinary member. */
  organAdmins: [
    { username: 'jiguan1', organKey: 'stats', officeBranchKey: 'stats.office' },
    { username: 'jiguan2', organKey: 'quake', officeBranchKey: 'quake.office' },
  ],
  /** Branch officers are their branch's secretary (the member with index 0). */
  branchOfficers: [
    { username: 'zhibu1', branchKey: 'stats.general' },
    { username: 'zhibu2', branchKey: 'quake.station' },
  ],
  /** An ordinary member of zhibu1's branch. */
  member: { username: 'dangyuan1', branchKey: 'stats.general' },
  systemRoles: [
    { username: 'sysadmin', role: 'system_admin', displayName: '系统管理员' },
    { username: 'secadmin', role: 'security_admin', displayName: '安全管理员' },
    { username: 'auditor', role: 'auditor', displayName: '安全审计员' },
  ],
} as const;

// ---------------------------------------------------------------------------------------------
// Seeded PRNG
// ---------------------------------------------------------------------------------------------

interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly Weighted<T>[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} out of range (length ${items.length})`);
  return item;
}

function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => itemAt(items, int(0, items.length - 1)),
    weighted: (items) => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of items) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return itemAt(items, items.length - 1)[0];
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [itemAt(copy, j), itemAt(copy, i)];
      }
      return copy;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Dates (UTC day numbers; ISO strings at the edges)
// ---------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function parseIsoDate(value: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`expected an ISO date (YYYY-MM-DD), got "${value}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (isoDate(dayNumber(year, month, day)) !== value) throw new RangeError(`not a calendar date: "${value}"`);
  return { year, month, day };
}

function dayOf(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return dayNumber(year, month, day);
}

/** Same calendar date `years` later; 29 February becomes 28 February in common years. */
function addYears(day: number, years: number): number {
  const { year, month, day: dom } = parseIsoDate(isoDate(day));
  const target = dayNumber(year + years, month, dom);
  return isoDate(target).slice(5, 7) === String(month).padStart(2, '0') ? target : dayNumber(year + years, month, 28);
}

/** Completed years between `birthDay` and `day`. */
function ageAt(birthDay: number, day: number): number {
  const birth = parseIsoDate(isoDate(birthDay));
  const at = parseIsoDate(isoDate(day));
  const hadBirthday = at.month > birth.month || (at.month === birth.month && at.day >= birth.day);
  return at.year - birth.year - (hadBirthday ? 0 : 1);
}

function randomBirthDay(rng: Rng, year: number): number {
  return dayNumber(year, rng.int(1, 12), rng.int(1, 28));
}

// ---------------------------------------------------------------------------------------------
// Org tree
// ---------------------------------------------------------------------------------------------

interface BranchPlan {
  org: DemoOrg;
  spec: BranchSpec;
  size: number;
}

interface OrgTree {
  orgs: DemoOrg[];
  branches: BranchPlan[];
}

function isGeneralBranch(unit: BranchSpec | GeneralBranchSpec): unit is GeneralBranchSpec {
  return 'branches' in unit;
}

function childCode(parent: DemoOrg, index: number): string {
  return `${parent.code}${String(index + 1).padStart(3, '0')}`;
}

/** Sizes of 12+ vary by ±2 with the seed; small branches keep their size. */
function branchSize(rng: Rng, spec: BranchSpec): number {
  return spec.size >= 12 ? spec.size + rng.int(-2, 2) : spec.size;
}

function addBranch(tree: OrgTree, rng: Rng, organ: OrganSpec, parent: DemoOrg, spec: BranchSpec, index: number): void {
  const org: DemoOrg = {
    key: spec.key,
    parentKey: parent.key,
    type: spec.type ?? 'branch',
    name: spec.name ?? `${organ.shortName}${spec.shortName}`,
    shortName: spec.shortName,
    code: childCode(parent, index),
  };
  tree.orgs.push(org);
  tree.branches.push({ org, spec, size: branchSize(rng, spec) });
  for (let g = 0; g < (spec.smallGroups ?? 0); g++) {
    const shortName = `${itemAt(SMALL_GROUP_ORDINALS, g)}党小组`;
    tree.orgs.push({
      key: `${spec.key}.group${g + 1}`,
      parentKey: org.key,
      type: 'party_small_group',
      name: `${org.name}${shortName}`,
      shortName,
      code: childCode(org, g),
    });
  }
}

function addOrgan(tree: OrgTree, rng: Rng, root: DemoOrg, organ: OrganSpec, index: number): void {
  const committee: DemoOrg = {
    key: organ.key,
    parentKey: root.key,
    type: 'organ_party_committee',
    name: `中共${organ.shortName}机关委员会`,
    shortName: `${organ.shortName}机关党委`,
    code: childCode(root, index),
  };
  tree.orgs.push(committee);
  organ.units.forEach((unit, unitIndex) => {
    if (!isGeneralBranch(unit)) {
      addBranch(tree, rng, organ, committee, unit, unitIndex);
      return;
    }
    const general: DemoOrg = {
      key: unit.key,
      parentKey: committee.key,
      type: 'general_branch',
      name: `${organ.shortName}${unit.shortName}`,
      shortName: unit.shortName,
      code: childCode(committee, unitIndex),
    };
    tree.orgs.push(general);
    unit.branches.forEach((spec, branchIndex) => addBranch(tree, rng, organ, general, spec, branchIndex));
  });
}

/** Builds the org list depth-first, so every parent precedes its children. */
function buildOrgTree(rng: Rng): OrgTree {
  const root: DemoOrg = { key: ROOT.key, parentKey: null, type: 'work_committee', name: ROOT.name, shortName: ROOT.shortName, code: '001' };
  const tree: OrgTree = { orgs: [root], branches: [] };
  ORGANS.forEach((organ, index) => addOrgan(tree, rng, root, organ, index));
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------

interface MemberContext {
  rng: Rng;
  asOfDay: number;
  asOfYear: number;
  takenNames: Set<string>;
}

type Rank = 'head' | 'deputy' | 'ordinary';

function eraOf(birthYear: number): Era {
  if (birthYear < 1965) return 'older';
  return birthYear < 1985 ? 'middle' : 'younger';
}

function givenName(rng: Rng, gender: 'male' | 'female', era: Era): string {
  const pool = GIVEN_NAMES[gender][era];
  return rng.chance(0.3) ? rng.pick([...pool.single]) : rng.pick(pool.double);
}

function surname(rng: Rng, ethnicity: string): string {
  const ethnic = ETHNIC_SURNAMES[ethnicity];
  return ethnic && rng.chance(0.7) ? rng.pick(ethnic) : rng.weighted(SURNAMES);
}

/** A plausible, dataset-unique name that is not a well-known person's. */
function uniqueName(ctx: MemberContext, gender: 'male' | 'female', ethnicity: string, birthYear: number): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const name = `${surname(ctx.rng, ethnicity)}${givenName(ctx.rng, gender, eraOf(birthYear))}`;
    if (!ctx.takenNames.has(name) && !BLOCKED_NAMES.has(name)) {
      ctx.takenNames.add(name);
      return name;
    }
  }
  throw new Error('could not find an unused name');
}

function rankOf(index: number, size: number): Rank {
  if (index === 0) return 'head';
  const deputies = size >= 10 ? 2 : size >= 5 ? 1 : 0;
  return index <= deputies ? 'deputy' : 'ordinary';
}

function positionOf(rng: Rng, spec: BranchSpec, rank: Rank, age: number): string {
  if (rank === 'head') return spec.head;
  if (rank === 'deputy') return spec.deputy;
  const band = ORDINARY_POSITIONS[spec.kind].filter((b) => b.fromAge <= age).at(-1);
  if (!band) throw new Error(`no position band for age ${age}`);
  const extra = age < 50 ? (spec.extraPositions ?? []) : [];
  return rng.weighted([...band.positions, ...extra]);
}

/** Triangular over [from, to]: most staff born mid-range, few at either end. */
function triangularYear(rng: Rng, from: number, to: number): number {
  return from + Math.floor(((rng.next() + rng.next()) / 2) * (to - from + 1));
}

function birthYearOf(ctx: MemberContext, kind: BranchKind, rank: Rank): number {
  const { rng, asOfYear } = ctx;
  if (kind === 'retiree') {
    const to = Math.min(RETIREE_BIRTH_YEARS.to, asOfYear - 56);
    return rank === 'head' ? rng.int(Math.max(RETIREE_BIRTH_YEARS.from, to - 10), to) : triangularYear(rng, RETIREE_BIRTH_YEARS.from, to);
  }
  // Serving staff are at least 22 at asOf, so there is room for a full year of probation.
  const to = Math.min(SERVING_BIRTH_YEARS.to, asOfYear - 22);
  if (rank === 'head') return rng.int(Math.max(SERVING_BIRTH_YEARS.from + 4, asOfYear - 60), Math.min(to, asOfYear - 42));
  if (rank === 'deputy') return rng.int(Math.max(SERVING_BIRTH_YEARS.from + 6, asOfYear - 58), Math.min(to, asOfYear - 36));
  return triangularYear(rng, SERVING_BIRTH_YEARS.from, to);
}

/** Admission date of a full member: at 18 or later, and at least a year before asOf. */
function joinedDayOf(ctx: MemberContext, kind: BranchKind, birthDay: number): number {
  const { rng, asOfDay } = ctx;
  const earliest = addYears(birthDay, 18);
  const latest = addYears(asOfDay, -1);
  if (earliest > latest) throw new RangeError('member too young to be a full member');
  const age = rng.weighted(kind === 'retiree' ? RETIREE_JOIN_AGES : SERVING_JOIN_AGES);
  const candidate = addYears(birthDay, age) + rng.int(0, 364);
  return candidate >= earliest && candidate <= latest ? candidate : rng.int(earliest, latest);
}

function educationOf(rng: Rng, kind: BranchKind, birthYear: number): string {
  const seniorServing = kind !== 'retiree' && birthYear < 1970;
  return rng.weighted(seniorServing && kind !== 'research' ? EDUCATION_SENIOR : EDUCATION[kind]);
}

function memberKey(orgKey: string, index: number): string {
  return `${orgKey}.m${String(index + 1).padStart(2, '0')}`;
}

function buildMember(ctx: MemberContext, plan: BranchPlan, index: number): DemoMember {
  const { rng } = ctx;
  const { spec } = plan;
  const rank = rankOf(index, plan.size);
  const gender = rng.chance(MALE_SHARE) ? 'male' : 'female';
  const ethnicity = rng.weighted(ETHNICITIES);
  const birthYear = birthYearOf(ctx, spec.kind, rank);
  const birthDay = randomBirthDay(rng, birthYear);
  const joinedDay = joinedDayOf(ctx, spec.kind, birthDay);
  return {
    key: memberKey(plan.org.key, index),
    orgKey: plan.org.key,
    name: uniqueName(ctx, gender, ethnicity, birthYear),
    gender,
    ethnicity,
    education: educationOf(rng, spec.kind, birthYear),
    birthDate: isoDate(birthDay),
    joinedOn: isoDate(joinedDay),
    fullMemberOn: isoDate(addYears(joinedDay, 1)),
    category: 'full',
    status: 'normal',
    position: positionOf(rng, spec, rank, ageAt(birthDay, ctx.asOfDay)),
  };
}

function buildMembers(ctx: MemberContext, branches: readonly BranchPlan[]): DemoMember[] {
  return branches.flatMap((plan) => Array.from({ length: plan.size }, (_, index) => buildMember(ctx, plan, index)));
}

// ---------------------------------------------------------------------------------------------
// Categories and statuses (applied after generation; never to branch secretaries or account holders)
// ---------------------------------------------------------------------------------------------

/** ~3% of members, all young serving staff admitted within the last year. */
function assignProbationary(ctx: MemberContext, members: DemoMember[], retireeOrgKeys: ReadonlySet<string>, protectedKeys: ReadonlySet<string>): void {
  const { rng, asOfDay } = ctx;
  const candidates = members.filter(
    (m) => !protectedKeys.has(m.key) && !retireeOrgKeys.has(m.orgKey) && ageAt(dayOf(m.birthDate), asOfDay) <= 35,
  );
  const count = Math.max(1, Math.round(members.length * PROBATIONARY_SHARE));
  for (const member of rng.shuffle(candidates).slice(0, count)) {
    member.joinedOn = isoDate(asOfDay - rng.int(20, 340));
    member.fullMemberOn = null;
    member.category = 'probationary';
  }
}

/** A few mobile members (seconded staff, retirees living elsewhere) and one or two who lost contact. */
function assignStatuses(ctx: MemberContext, members: DemoMember[], retireeOrgKeys: ReadonlySet<string>, protectedKeys: ReadonlySet<string>): void {
  const { rng } = ctx;
  const eligible = members.filter((m) => !protectedKeys.has(m.key) && m.category === 'full');
  const retirees = rng.shuffle(eligible.filter((m) => retireeOrgKeys.has(m.orgKey)));
  const lostCount = rng.chance(0.5) ? 1 : 2;
  retirees.slice(0, lostCount).forEach((m) => (m.status = 'lost_contact'));
  const mobileCount = Math.max(2, Math.round(members.length * MOBILE_SHARE));
  rng
    .shuffle(eligible.filter((m) => m.status === 'normal'))
    .slice(0, mobileCount)
    .forEach((m) => (m.status = 'mobile'));
}

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

function membersOf(members: readonly DemoMember[], orgKey: string): DemoMember[] {
  const found = members.filter((m) => m.orgKey === orgKey);
  if (found.length === 0) throw new Error(`no members in ${orgKey}`);
  return found;
}

function secretaryOf(members: readonly DemoMember[], orgKey: string): DemoMember {
  return itemAt(membersOf(members, orgKey), 0);
}

/** First member who is neither the head nor a deputy. */
function ordinaryMemberOf(members: readonly DemoMember[], orgKey: string, size: number): DemoMember {
  const inBranch = membersOf(members, orgKey);
  const index = inBranch.findIndex((_, i) => rankOf(i, size) === 'ordinary');
  return itemAt(inBranch, index);
}

function sizeOf(branches: readonly BranchPlan[], orgKey: string): number {
  const plan = branches.find((b) => b.org.key === orgKey);
  if (!plan) throw new Error(`unknown branch ${orgKey}`);
  return plan.size;
}

/** Members linked to accounts, chosen before statuses so they stay full and normal. */
function accountMembers(members: readonly DemoMember[], branches: readonly BranchPlan[]) {
  const ordinary = (orgKey: string) => ordinaryMemberOf(members, orgKey, sizeOf(branches, orgKey));
  return {
    organAdmins: ACCOUNT_PLAN.organAdmins.map((plan) => ({ plan, member: ordinary(plan.officeBranchKey) })),
    branchOfficers: ACCOUNT_PLAN.branchOfficers.map((plan) => ({ plan, member: secretaryOf(members, plan.branchKey) })),
    member: ordinary(ACCOUNT_PLAN.member.branchKey),
  };
}

function buildAccounts(linked: ReturnType<typeof accountMembers>): DemoAccount[] {
  const { committeeAdmin, member, systemRoles } = ACCOUNT_PLAN;
  return [
    { username: committeeAdmin.username, displayName: committeeAdmin.displayName, role: 'committee_admin', orgKey: ROOT.key, memberKey: null },
    ...linked.organAdmins.map(({ plan, member: m }): DemoAccount => ({
      username: plan.username,
      displayName: m.name,
      role: 'organ_admin',
      orgKey: plan.organKey,
      memberKey: m.key,
    })),
    ...linked.branchOfficers.map(({ plan, member: m }): DemoAccount => ({
      username: plan.username,
      displayName: m.name,
      role: 'branch_officer',
      orgKey: plan.branchKey,
      memberKey: m.key,
    })),
    { username: member.username, displayName: linked.member.name, role: 'member', orgKey: member.branchKey, memberKey: linked.member.key },
    ...systemRoles.map((r): DemoAccount => ({ username: r.username, displayName: r.displayName, role: r.role, orgKey: null, memberKey: null })),
  ];
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * Generates the demo dataset. Same `seed` and `asOf` → same dataset.
 * `asOf` must be an ISO date in 2020–2040 (the birth-year tables are calibrated for that window).
 */
export function generateDemoDataset(options: { seed: number; asOf: string }): DemoDataset {
  if (!Number.isFinite(options.seed)) throw new RangeError('seed must be a finite number');
  const asOf = parseIsoDate(options.asOf);
  if (asOf.year < 2020 || asOf.year > 2040) throw new RangeError('asOf must be between 2020 and 2040');

  const rng = createRng(Math.trunc(options.seed));
  const ctx: MemberContext = {
    rng,
    asOfDay: dayNumber(asOf.year, asOf.month, asOf.day),
    asOfYear: asOf.year,
    takenNames: new Set(),
  };

  const tree = buildOrgTree(rng);
  const members = buildMembers(ctx, tree.branches);
  const linked = accountMembers(members, tree.branches);
  const protectedKeys = new Set([
    ...tree.branches.map((b) => memberKey(b.org.key, 0)),
    ...linked.organAdmins.map((l) => l.member.key),
    linked.member.key,
  ]);
  const retireeOrgKeys = new Set(tree.branches.filter((b) => b.spec.kind === 'retiree').map((b) => b.org.key));
  assignProbationary(ctx, members, retireeOrgKeys, protectedKeys);
  assignStatuses(ctx, members, retireeOrgKeys, protectedKeys);

  return { orgs: tree.orgs, members, accounts: buildAccounts(linked) };
}
