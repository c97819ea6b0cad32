/**
 * 问题整改 in a scale dataset: two 巡察 rounds issued by the root 工委 and 专项检查 batches issued by some organs, with
 * problems of about 3% of the branches (and of some organs), each with the measures and timeline (problem_events)
 * its status implies, as the demo data has them. Statuses as of RECORDS_AS_OF: closed (销号, on time or late), overdue
 * (deadline passed, not closed) and open ones at every step of the workflow (rectification/problem-workflow.ts).
 * Pure and deterministic: the caller passes a seeded Rng and the id counters.
 */
import { SAMPLE_MEASURES } from '../src/modules/demo/demo-rectification.js';
import { addMonths } from '@dangjian/regulations';
import { RECORDS_AS_OF_DAY } from './org-records.js';
import { isoDay, dayNumber } from './rows.js';
import { intBetween, pick, weighted, type OrgRow, type Rng } from './tree-shape.js';

export const BATCH_COLUMNS = ['id', 'issuing_org_id', 'source', 'name', 'issued_on', 'review_after_months', 'created_at'] as const;
export const PROBLEM_COLUMNS = [
  'id', 'batch_id', 'issuing_org_id', 'responsible_org_id', 'responsible_person', 'responsible_member_id', 'description', 'category',
  'severity', 'deadline', 'status', 'closed_on', 'closed_on_time', 'review_due_on', 'returned_count', 'created_at', 'updated_at',
] as const;
export const MEASURE_COLUMNS = ['id', 'problem_id', 'content', 'owner', 'deadline', 'done_on', 'sort_order'] as const;
export const EVENT_COLUMNS = ['id', 'problem_id', 'kind', 'note', 'detail', 'occurred_at'] as const;

/** Share of branches (and of organs, under the root's rounds) with a problem. */
export const BRANCH_PROBLEM_SHARE = 0.03;
export const ORGAN_PROBLEM_SHARE = 0.08;
/** Share of organs that issue a 专项检查 batch of their own. */
export const ORGAN_BATCH_SHARE = 0.05;

export class RectificationIds {
  batch = 1;
  problem = 1;
  measure = 1;
  event = 1;
}

export interface RectificationRows {
  batches: unknown[][];
  problems: unknown[][];
  measures: unknown[][];
  events: unknown[][];
}

export const emptyRectificationRows = (): RectificationRows => ({ batches: [], problems: [], measures: [], events: [] });

export interface Batch {
  id: number;
  issuer: OrgRow;
  issuedDay: number;
  reviewAfterMonths: number;
}

const at = (day: number) => `${isoDay(day)}T02:00:00.000Z`;

function addBatch(ids: RectificationIds, out: RectificationRows, issuer: OrgRow, source: string, name: string, issuedDay: number, reviewAfterMonths: number): Batch {
  const id = ids.batch++;
  out.batches.push([id, issuer.id, source, name, isoDay(issuedDay), reviewAfterMonths, at(issuedDay)]);
  return { id, issuer, issuedDay, reviewAfterMonths };
}

/** The root's two 巡察 rounds of the activity year: one long closed or overdue, one partly still open. */
export function rootBatches(ids: RectificationIds, out: RectificationRows, root: OrgRow): Batch[] {
  return [
    addBatch(ids, out, root, 'inspection_tour', '2025年第一轮巡察', dayNumber('2025-04-15'), 6),
    addBatch(ids, out, root, 'inspection_tour', '2025年第二轮巡察', dayNumber('2025-10-20'), 3),
  ];
}

/** An organ's own 专项检查 (ORGAN_BATCH_SHARE of the organs), or null. */
export function organBatch(rng: Rng, ids: RectificationIds, out: RectificationRows, organ: OrgRow): Batch | null {
  if (rng.next() >= ORGAN_BATCH_SHARE) return null;
  const issuedDay = dayNumber('2025-03-01') + intBetween(rng, 0, 270);
  return addBatch(ids, out, organ, pick(rng, ['special_inspection', 'self_check', 'centralized_inspection'] as const), `2025年党建工作${pick(rng, ['专项检查', '集中督查', '自查自纠'])}`, issuedDay, 6);
}

const PROBLEMS: readonly (readonly [category: string, description: string])[] = [
  ['ideological', '第一议题学习流于形式，学习后研讨交流不深入，与推动业务工作结合不紧'],
  ['organizational', '三会一课制度落实不到位，党员大会未按季度召开'],
  ['organizational', '发展党员档案材料不规范，部分入党申请书、思想汇报缺失'],
  ['organizational', '党费收缴台账不完整，存在未按月足额收缴的情况'],
  ['political', '支部书记抓党建述职报告问题查摆不深，整改措施针对性不强'],
  ['integration', '党建与业务融合不紧，存在“两张皮”现象'],
  ['ideological', '意识形态工作责任制落实不到位，对讲座论坛审核把关不严'],
  ['organizational', '主题党日活动内容单一，组织形式流于形式'],
  ['work_style', '落实中央八项规定精神有松懈，公务接待审批手续不全'],
  ['work_style', '党员干部谈心谈话开展不经常，覆盖面不全'],
  ['political', '组织生活会批评与自我批评辣味不足，查摆问题不具体'],
  ['institutional', '基层党组织按期换届提醒机制不健全'],
  ['discipline', '保密管理制度执行不严，涉密载体登记不规范'],
  ['institutional', '党务公开内容不及时、不全面'],
  ['discipline', '廉政风险点排查不全面，防控措施不具体'],
  ['ideological', '青年党员理论学习覆盖不全，学习记录不完整'],
  ['work_style', '窗口单位作风建设存在薄弱环节，群众反映办事效率不高'],
  ['organizational', '支部委员会分工不明确，组织委员履职不到位'],
  ['organizational', '党建工作台账资料不规范，会议记录不完整'],
];


type OpenStatus = 'issued' | 'claimed' | 'measures_set' | 'in_progress' | 'closure_requested';
const OPEN_WEIGHTS: readonly (readonly [OpenStatus, number])[] = [['issued', 1], ['claimed', 2], ['measures_set', 2], ['in_progress', 5], ['closure_requested', 1]];
const OVERDUE_WEIGHTS: readonly (readonly [OpenStatus, number])[] = [['claimed', 1], ['measures_set', 2], ['in_progress', 5], ['closure_requested', 1]];

/**
 * One problem of `batch` for `responsible` (strictly below the batch's issuer), with its measures and timeline.
 * `holder` is the responsible org's secretary (责任人), or null.
 */
export function addProblem(rng: Rng, ids: RectificationIds, out: RectificationRows, batch: Batch, responsible: OrgRow, holder: { id: number; name: string } | null): void {
  if (!responsible.path.startsWith(batch.issuer.path) || responsible.path === batch.issuer.path) {
    throw new Error(`problem of org ${responsible.id} outside the subtree of issuer ${batch.issuer.id}`);
  }
  const id = ids.problem++;
  const [category, description] = pick(rng, PROBLEMS);
  const severity = weighted(rng, [['general', 70], ['serious', 25], ['critical', 5]] as const);
  const issued = batch.issuedDay;
  const deadline = issued + pick(rng, [60, 90, 90, 120, 180]);
  const today = RECORDS_AS_OF_DAY;
  const last = today - 1;

  // The status on RECORDS_AS_OF: closed (on time or late), overdue (deadline passed) or open.
  let status: OpenStatus | 'closed';
  let closedDay: number | null = null;
  if (deadline < today ? rng.next() < 0.8 : rng.next() < 0.15) {
    const earliest = issued + 30;
    const latest = Math.min(deadline + 45, last);
    if (earliest <= latest) {
      status = 'closed';
      closedDay = intBetween(rng, earliest, latest);
    } else status = 'in_progress';
  } else status = weighted(rng, deadline < today ? OVERDUE_WEIGHTS : OPEN_WEIGHTS);
  const returned = status === 'in_progress' && rng.next() < 0.1 && issued + 40 <= last - 10;

  const closed = status === 'closed';
  const requestDay = status === 'closure_requested' ? Math.max(issued + 25, last - intBetween(rng, 0, 10)) : null;
  const owner = responsible.type === 'organ_party_committee' ? '机关党委书记' : '支部书记';
  const person = status === 'issued' ? null : holder;
  const events: { kind: string; day: number; note: string | null; detail: unknown }[] = [{ kind: 'issued', day: issued, note: null, detail: { batchId: batch.id, deadline: isoDay(deadline) } }];
  if (status !== 'issued') events.push({ kind: 'claimed', day: issued + 3, note: '已认领，明确责任人', detail: null });
  const hasMeasures = status !== 'issued' && status !== 'claimed';
  if (hasMeasures) {
    const [first, second] = SAMPLE_MEASURES[category] ?? SAMPLE_MEASURES.organizational!;
    const end = closedDay ?? deadline;
    const allDone = closed || status === 'closure_requested';
    out.measures.push([ids.measure++, id, first, owner, isoDay(Math.max(end - 15, issued + 10)), status === 'measures_set' ? null : isoDay(issued + 15), 0]);
    out.measures.push([ids.measure++, id, second, '组织委员', isoDay(end), allDone ? isoDay((closedDay ?? requestDay ?? last) - 2) : null, 1]);
    events.push({ kind: 'measures_set', day: issued + 7, note: null, detail: { measures: 2 } });
  }
  if (status === 'in_progress' || status === 'closure_requested' || closed) {
    events.push({ kind: 'progress', day: issued + 20, note: '已召开专题会议研究部署整改，正在逐项落实', detail: null });
  }
  if (returned) {
    const requested = intBetween(rng, issued + 25, last - 10);
    events.push({ kind: 'closure_requested', day: requested, note: '整改措施已全部落实，申请销号', detail: null });
    events.push({ kind: 'returned', day: requested + 4, note: '整改佐证材料不足，请补充后重新申请', detail: null });
    events.push({ kind: 'progress', day: requested + 8, note: '已补充对照检查材料，继续落实整改', detail: null });
  }
  if (requestDay !== null) events.push({ kind: 'closure_requested', day: requestDay, note: '整改措施已全部落实，申请销号', detail: null });
  if (closed && closedDay !== null) {
    events.push({ kind: 'closure_requested', day: Math.max(issued + 25, closedDay - 4), note: '整改措施已全部落实，申请销号', detail: null });
    events.push({ kind: 'closed', day: closedDay, note: '经审核，整改到位，同意销号', detail: { closedOn: isoDay(closedDay) } });
  }
  events.sort((a, b) => a.day - b.day);

  out.problems.push([
    id, batch.id, batch.issuer.id, responsible.id, person?.name ?? null, person?.id ?? null, description, category, severity, isoDay(deadline), status,
    closedDay === null ? null : isoDay(closedDay), closedDay === null ? null : closedDay <= deadline,
    closedDay !== null && batch.reviewAfterMonths > 0 ? addMonths(isoDay(closedDay), batch.reviewAfterMonths) : null,
    returned ? 1 : 0, at(issued), at(events[events.length - 1]!.day),
  ]);
  for (const e of events) out.events.push([ids.event++, id, e.kind, e.note, e.detail, at(e.day)]);
}
