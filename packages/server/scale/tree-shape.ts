/**
 * The shape of a scale dataset (issue 7): 工委 → organs (机关党委) → 党总支 (some) → 党支部 (some joint or temporary)
 * → 党小组 (some). Pure and deterministic: no I/O, no clock, no Math.random. Ids are assigned in id order while
 * organs are produced one at a time, so a caller can stream a nation-sized tree without holding it in memory.
 */

export type Scale = 'unit' | 'province' | 'nation';

export type OrgType =
  | 'work_committee'
  | 'organ_party_committee'
  | 'general_branch'
  | 'branch'
  | 'joint_branch'
  | 'temporary_branch'
  | 'party_small_group';

export type BranchKind = 'division' | 'technical' | 'retiree' | 'temporary';

export interface ScaleSpec {
  /** Organs (机关党委) under the root. */
  organs: number;
  /** Mean number of branches per organ. */
  branchesPerOrgan: number;
  /** Median branch size; sizes are lognormal around it (mean ≈ median × e^(σ²/2)). */
  branchMedian: number;
  branchSigma: number;
  /** Share of branches with at least smallGroupMinSize members that are split into 党小组. */
  smallGroupShare: number;
  smallGroupMinSize: number;
  /** Whether attendance is stored for every activity (else only for members_meeting). */
  fullAttendance: boolean;
}

export const SCALES: Readonly<Record<Scale, ScaleSpec>> = {
  unit: { organs: 12, branchesPerOrgan: 18, branchMedian: 18, branchSigma: 0.62, smallGroupShare: 0.2, smallGroupMinSize: 25, fullAttendance: true },
  province: { organs: 1_300, branchesPerOrgan: 18, branchMedian: 18, branchSigma: 0.62, smallGroupShare: 0.2, smallGroupMinSize: 25, fullAttendance: false },
  nation: { organs: 16_400, branchesPerOrgan: 21.5, branchMedian: 18, branchSigma: 0.62, smallGroupShare: 0.5, smallGroupMinSize: 10, fullAttendance: false },
};

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32: small, fast, good enough for synthetic data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A seed for sub-stream `index` of `seed` (so organ n's data does not depend on how much organ n−1 drew). */
export function subSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng.next() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error('weighted pick from an empty list');
  return last[0];
}

/** Standard normal (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Branch size: lognormal around the median, clamped to [3, 300]; many 8–30, a few 50+. */
export function branchSize(rng: Rng, spec: ScaleSpec): number {
  return Math.min(300, Math.max(3, Math.round(spec.branchMedian * Math.exp(spec.branchSigma * normal(rng)))));
}

// ---------------------------------------------------------------------------------------------
// Org rows
// ---------------------------------------------------------------------------------------------

export interface OrgRow {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  type: OrgType;
  name: string;
  shortName: string;
  code: string;
  sortOrder: number;
}

/** A branch that holds members (党支部, 联合党支部, 临时党支部). */
export interface BranchPlan {
  org: OrgRow;
  kind: BranchKind;
  size: number;
  /** 党小组 under this branch (members still belong to the branch). */
  smallGroups: OrgRow[];
}

export interface OrganPlan {
  /** Every org of the organ in id order: the organ, its 党总支, branches and 党小组. */
  orgs: OrgRow[];
  branches: BranchPlan[];
}

const REGIONS = [
  '省', '长春市', '吉林市', '四平市', '辽源市', '通化市', '白山市', '松原市', '白城市', '延边州', '梅河口市', '公主岭市',
] as const;

const ORGAN_NAMES = [
  '发展和改革委员会', '教育厅', '科学技术厅', '工业和信息化厅', '民族宗教事务委员会', '公安厅', '民政厅', '司法厅', '财政厅',
  '人力资源和社会保障厅', '自然资源厅', '生态环境厅', '住房和城乡建设厅', '交通运输厅', '水利厅', '农业农村厅', '商务厅',
  '文化和旅游厅', '卫生健康委员会', '退役军人事务厅', '应急管理厅', '审计厅', '市场监督管理局', '广播电视局', '体育局',
  '统计局', '医疗保障局', '林业和草原局', '粮食和物资储备局', '税务局', '气象局', '地震局', '社会科学院', '档案馆',
  '机关事务管理局', '信访局', '地方金融管理局', '政务服务和数字化建设管理局', '药品监督管理局', '知识产权局',
] as const;

const DIVISIONS = [
  '办公室', '综合处', '政策法规处', '规划处', '财务处', '人事处', '宣传处', '监督处', '审批处', '督查室', '信息处',
  '计划处', '科技处', '安全处', '调研室', '法制处', '项目处', '对外联络处', '行政审批办', '机关党委办公室',
] as const;

const TECHNICAL = ['信息中心', '数据中心', '服务中心', '研究院', '监测站', '检测中心', '技术中心', '培训中心', '档案室'] as const;

const ORDINALS = ['第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十'] as const;

export function organName(index: number): { name: string; shortName: string } {
  const dept = ORGAN_NAMES[index % ORGAN_NAMES.length] ?? '机关';
  const region = REGIONS[Math.floor(index / ORGAN_NAMES.length) % REGIONS.length] ?? '省';
  const round = Math.floor(index / (ORGAN_NAMES.length * REGIONS.length));
  const shortName = `${region}${dept}${round > 0 ? `(${round + 1})` : ''}`;
  return { name: `中共${shortName}机关委员会`, shortName: `${shortName}机关党委` };
}

function code(parentCode: string, index: number): string {
  return `${parentCode}${String(index + 1).padStart(3, '0')}`;
}

/** Allocates org ids in order and builds rows with their materialized paths. */
export class OrgIds {
  constructor(private nextId = 1) {}

  get next(): number {
    return this.nextId;
  }

  make(parent: OrgRow | null, fields: Pick<OrgRow, 'type' | 'name' | 'shortName' | 'sortOrder'>, index: number): OrgRow {
    const id = this.nextId++;
    return {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      code: parent ? code(parent.code, index) : '001',
      ...fields,
    };
  }
}

export function rootOrg(ids: OrgIds): OrgRow {
  return ids.make(null, { type: 'work_committee', name: '中共省直属机关工作委员会', shortName: '省直机关工委', sortOrder: 0 }, 0);
}

const trim = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max));

/**
 * Builds organ `index` under `root`: its branch count (lognormal around the scale's mean), sizes and types,
 * 党总支 grouping 3–6 branches in larger organs, and 党小组 in some of the larger branches.
 */
export function planOrgan(ids: OrgIds, root: OrgRow, index: number, spec: ScaleSpec, seed: number): OrganPlan {
  const rng = mulberry32(subSeed(seed, index));
  const names = organName(index);
  const organ = ids.make(root, { type: 'organ_party_committee', name: names.name, shortName: trim(names.shortName, 50), sortOrder: index }, index);
  const orgs: OrgRow[] = [organ];
  const branches: BranchPlan[] = [];

  const sigma = 0.55;
  const count = Math.max(1, Math.round(spec.branchesPerOrgan * Math.exp(sigma * normal(rng) - (sigma * sigma) / 2)));
  // Larger organs group some of their branches under 党总支 (about one in five branches).
  const grouped = count >= 12 ? Math.min(count - 2, Math.round(count * (0.1 + rng.next() * 0.2))) : 0;

  let childIndex = 0;
  let divisionIndex = 0;
  let generalBranch: OrgRow | null = null;
  let inGeneral = 0;
  let generalCount = 0;
  let branchInParent = 0;

  const addBranch = (parent: OrgRow, i: number, retiree: boolean) => {
    const roll = rng.next();
    let type: OrgType = 'branch';
    let kind: BranchKind = rng.next() < 0.25 ? 'technical' : 'division';
    let label: string;
    if (retiree) {
      kind = 'retiree';
      label = '离退休干部党支部';
    } else if (roll < 0.02) {
      type = 'temporary_branch';
      kind = 'temporary';
      label = pick(rng, ['驻村工作队临时党支部', '专项工作组临时党支部', '巡察组临时党支部', '培训班临时党支部']);
    } else if (roll < 0.05) {
      type = 'joint_branch';
      label = `${pick(rng, DIVISIONS)}${pick(rng, DIVISIONS)}联合党支部`;
    } else {
      const base = kind === 'technical' ? pick(rng, TECHNICAL) : (DIVISIONS[divisionIndex % DIVISIONS.length] ?? '综合处');
      const round = Math.floor(divisionIndex / DIVISIONS.length);
      label = `${base}${round > 0 ? ORDINALS[round % ORDINALS.length] : ''}党支部`;
      divisionIndex++;
    }
    let size = branchSize(rng, spec);
    if (kind === 'temporary') size = Math.min(size, intBetween(rng, 3, 9));
    const org = ids.make(parent, { type, name: trim(`${names.shortName.replace(/机关党委$/, '')}${label}`, 100), shortName: trim(label, 50), sortOrder: i }, i);
    orgs.push(org);
    const plan: BranchPlan = { org, kind, size, smallGroups: [] };
    if (size >= spec.smallGroupMinSize && rng.next() < spec.smallGroupShare) {
      const groups = Math.min(ORDINALS.length, Math.max(2, Math.round(size / intBetween(rng, 8, 14))));
      for (let g = 0; g < groups; g++) {
        const sg = `${ORDINALS[g] ?? ''}党小组`;
        const row = ids.make(org, { type: 'party_small_group', name: trim(`${org.name}${sg}`, 100), shortName: sg, sortOrder: g }, g);
        orgs.push(row);
        plan.smallGroups.push(row);
      }
    }
    branches.push(plan);
  };

  for (let b = 0; b < count; b++) {
    const retiree = b === count - 1 && count >= 4;
    if (b < grouped) {
      if (!generalBranch || inGeneral >= intBetween(rng, 3, 6)) {
        const label = `机关${ORDINALS[generalCount % ORDINALS.length] ?? ''}党总支`;
        generalBranch = ids.make(organ, { type: 'general_branch', name: trim(`${names.shortName.replace(/机关党委$/, '')}${label}`, 100), shortName: label, sortOrder: childIndex }, childIndex);
        childIndex++;
        generalCount++;
        inGeneral = 0;
        branchInParent = 0;
        orgs.push(generalBranch);
      }
      addBranch(generalBranch, branchInParent++, false);
      inGeneral++;
    } else {
      addBranch(organ, childIndex++, retiree);
    }
  }
  return { orgs, branches };
}
