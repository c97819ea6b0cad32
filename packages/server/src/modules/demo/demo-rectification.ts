/**
 * Demo data of 问题整改: the 工委's first inspection round of the year (about five months ago) with twenty problems
 * across the organ committees and some branches, and a special inspection of 省统计局机关党委 to its branches.
 * States are mixed (most closed, a few late, some in progress, one waiting for 销号, one returned once, three
 * overdue — one of them in 统计局综合处党支部 so that zhibu1 and jiguan1 see it — and one reopened by 回头看), each
 * with measures and a timeline consistent with its status. Deterministic; dates relative to the loader's clock.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.js';
import { problemEvents, problemMeasures, problems, rectificationBatches } from '../../platform/schema.js';
import { addMonths } from '../rectification/rectification.service.js';

type DemoState = 'issued' | 'claimed' | 'measures_set' | 'in_progress' | 'closure_requested' | 'closed' | 'returned' | 'reopened';

interface DemoProblem {
  orgKey: string;
  description: string;
  category: string;
  severity: 'general' | 'serious' | 'critical';
  /** Deadline, in days from today (negative: past). */
  deadline: number;
  state: DemoState;
  /** 销号 date in days from today (closed and reopened problems). */
  closedOn?: number;
  person?: string;
}

interface DemoBatch {
  issuerKey: string;
  issuerUser: string;
  source: string;
  name: string;
  /** Issue date, in days from today. */
  issuedOn: number;
  reviewAfterMonths: number;
  problems: DemoProblem[];
}

const BATCHES: readonly DemoBatch[] = [
  {
    issuerKey: 'root',
    issuerUser: 'gongwei',
    source: 'inspection_tour',
    name: '2026年第一轮巡察',
    issuedOn: -150,
    reviewAfterMonths: 3,
    problems: [
      { orgKey: 'stats', description: '第一议题学习流于形式，学习后研讨交流不深入，与推动统计工作结合不紧', category: 'ideological', severity: 'serious', deadline: -60, state: 'closed', closedOn: -66, person: '机关党委书记' },
      { orgKey: 'stats.general', description: '三会一课制度落实不到位，部分支部党员大会未按季度召开', category: 'organizational', severity: 'serious', deadline: -12, state: 'in_progress', person: '支部书记' },
      { orgKey: 'tax', description: '发展党员档案材料不规范，部分入党申请书、思想汇报缺失', category: 'organizational', severity: 'general', deadline: -60, state: 'closed', closedOn: -70, person: '机关党委专职副书记' },
      { orgKey: 'tax.inspection', description: '党费收缴台账不完整，存在未按月足额收缴的情况', category: 'organizational', severity: 'general', deadline: -35, state: 'measures_set', person: '支部书记' },
      { orgKey: 'quake', description: '支部书记抓党建述职报告问题查摆不深，整改措施针对性不强', category: 'political', severity: 'serious', deadline: -90, state: 'closed', closedOn: -80, person: '机关党委书记' },
      { orgKey: 'quake.forecast', description: '党建与业务融合不紧，存在“两张皮”现象', category: 'integration', severity: 'general', deadline: -20, state: 'claimed', person: '支部书记' },
      { orgKey: 'academy', description: '意识形态工作责任制落实不到位，对讲座论坛审核把关不严', category: 'ideological', severity: 'critical', deadline: -60, state: 'closed', closedOn: -64, person: '机关党委书记' },
      { orgKey: 'academy.economics', description: '主题党日活动内容单一，组织形式流于形式', category: 'organizational', severity: 'general', deadline: 40, state: 'in_progress', person: '支部书记' },
      { orgKey: 'weather', description: '落实中央八项规定精神有松懈，公务接待审批手续不全', category: 'work_style', severity: 'serious', deadline: -60, state: 'closed', closedOn: -75, person: '机关纪委书记' },
      { orgKey: 'weather.observatory', description: '党员干部谈心谈话开展不经常，覆盖面不全', category: 'work_style', severity: 'general', deadline: 15, state: 'closure_requested', person: '总支书记' },
      { orgKey: 'law', description: '民主生活会批评与自我批评辣味不足，查摆问题不具体', category: 'political', severity: 'serious', deadline: 20, state: 'returned', person: '机关党委书记' },
      { orgKey: 'tax.it', description: '基层党组织按期换届提醒机制不健全', category: 'institutional', severity: 'general', deadline: -60, state: 'closed', closedOn: -68, person: '支部书记' },
      { orgKey: 'stats.data', description: '保密管理制度执行不严，涉密载体登记不规范', category: 'discipline', severity: 'serious', deadline: -90, state: 'closed', closedOn: -72, person: '支部书记' },
      { orgKey: 'quake.info', description: '党务公开内容不及时、不全面', category: 'institutional', severity: 'general', deadline: -60, state: 'closed', closedOn: -62, person: '支部书记' },
      { orgKey: 'academy.law', description: '廉政风险点排查不全面，防控措施不具体', category: 'discipline', severity: 'serious', deadline: 45, state: 'reopened', closedOn: -100, person: '支部书记' },
      { orgKey: 'weather.climate', description: '青年党员理论学习覆盖不全，学习记录不完整', category: 'ideological', severity: 'general', deadline: 35, state: 'in_progress', person: '支部书记' },
      { orgKey: 'tax.service', description: '窗口单位作风建设存在薄弱环节，群众反映办事效率不高', category: 'work_style', severity: 'general', deadline: -60, state: 'closed', closedOn: -85, person: '支部书记' },
      { orgKey: 'academy.history', description: '支部委员会分工不明确，组织委员履职不到位', category: 'organizational', severity: 'general', deadline: -60, state: 'closed', closedOn: -61, person: '支部书记' },
      { orgKey: 'weather.info', description: '党建工作台账资料不规范，会议记录不完整', category: 'organizational', severity: 'general', deadline: 30, state: 'claimed', person: '支部书记' },
      { orgKey: 'law.joint', description: '联合党支部组织生活开展不经常，党员参加率不高', category: 'organizational', severity: 'general', deadline: -60, state: 'closed', closedOn: -67, person: '支部书记' },
    ],
  },
  {
    issuerKey: 'stats',
    issuerUser: 'jiguan1',
    source: 'special_inspection',
    name: '2026年党建工作专项检查',
    issuedOn: -60,
    reviewAfterMonths: 6,
    problems: [
      { orgKey: 'stats.office', description: '支部年度学习计划执行不到位，集中学习次数不足', category: 'ideological', severity: 'general', deadline: -10, state: 'closed', closedOn: -18, person: '支部书记' },
      { orgKey: 'stats.general', description: '党员积分管理未落实，评议结果运用不充分', category: 'organizational', severity: 'general', deadline: 30, state: 'in_progress', person: '组织委员' },
      { orgKey: 'stats.accounts', description: '发展对象培养考察记录不全', category: 'organizational', severity: 'serious', deadline: 25, state: 'claimed', person: '支部书记' },
      { orgKey: 'stats.industry', description: '党风廉政教育形式单一，警示教育开展不经常', category: 'discipline', severity: 'general', deadline: 40, state: 'measures_set', person: '纪检委员' },
      { orgKey: 'stats.population', description: '支部三会一课记录不规范，部分会议缺少签到', category: 'organizational', severity: 'general', deadline: -10, state: 'closed', closedOn: -12, person: '支部书记' },
      { orgKey: 'stats.data', description: '数据质量管理与党建工作融合不紧', category: 'integration', severity: 'general', deadline: 50, state: 'issued' },
    ],
  },
];

/** Two sample measures (整改措施) per problem category; also used by the scale generator. */
export const SAMPLE_MEASURES: Readonly<Record<string, readonly [string, string]>> = {
  political: ['召开专题会议深入查摆问题，逐条制定整改清单', '建立班子成员相互提醒和跟踪问效机制'],
  ideological: ['制定专题学习计划，明确研讨交流要求', '将学习情况纳入支部书记述职评议'],
  organizational: ['对照《中国共产党支部工作条例（试行）》逐项补齐制度和台账', '建立按季度提醒和督查机制'],
  work_style: ['开展作风问题专项自查，建立问题台账', '完善审批流程并组织全员学习'],
  discipline: ['组织开展廉政风险点再排查', '完善防控措施并开展警示教育'],
  institutional: ['修订完善相关制度', '明确专人负责并定期检查落实情况'],
  integration: ['围绕中心工作确定党建重点任务', '推行党建与业务工作同部署同考核'],
};

function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Inserts the demo batches, problems, measures and timelines (inside the loader's transaction). */
export async function insertDemoRectification(tx: Db, orgByKey: ReadonlyMap<string, { id: number }>, today: string, now: Date): Promise<{ batches: number; problems: number }> {
  const users = new Map(
    (await queryRows<{ id: number; username: string }>(tx, sql`SELECT id, username FROM users WHERE username IN ('gongwei', 'jiguan1', 'jiguan2', 'zhibu1', 'zhibu2')`)).map((u) => [u.username, u.id]),
  );
  const day = (offset: number) => plusDays(today, offset);
  const at = (iso: string) => {
    const t = new Date(`${iso}T02:00:00.000Z`);
    return t > now ? now : t;
  };
  const orgId = (key: string) => {
    const org = orgByKey.get(key);
    if (!org) throw new Error(`demo rectification: org ${key} not loaded`);
    return org.id;
  };
  /** Who acts for the responsible side, where a demo account exists. */
  const responsibleUser = (key: string) =>
    key === 'stats.general' ? users.get('zhibu1') : key === 'quake.station' ? users.get('zhibu2') : key === 'stats' || key.startsWith('stats.') ? users.get('jiguan1') : key === 'quake' || key.startsWith('quake.') ? users.get('jiguan2') : undefined;
  let count = 0;
  for (const b of BATCHES) {
    const issuedOn = day(b.issuedOn);
    const issuer = users.get(b.issuerUser) ?? null;
    const [batch] = await tx
      .insert(rectificationBatches)
      .values({ issuingOrgId: orgId(b.issuerKey), source: b.source, name: b.name, issuedOn, reviewAfterMonths: b.reviewAfterMonths, note: null, createdBy: issuer, createdAt: at(issuedOn) })
      .returning({ id: rectificationBatches.id });
    for (const p of b.problems) {
      const deadline = day(p.deadline);
      const closedOn = p.closedOn === undefined ? null : day(p.closedOn);
      const closed = p.state === 'closed';
      const status = closed ? 'closed' : p.state === 'returned' || p.state === 'reopened' ? 'in_progress' : p.state;
      const reviewDueOn = closed && closedOn && b.reviewAfterMonths > 0 ? addMonths(closedOn, b.reviewAfterMonths) : null;
      const [row] = await tx
        .insert(problems)
        .values({
          batchId: batch!.id,
          issuingOrgId: orgId(b.issuerKey),
          responsibleOrgId: orgId(p.orgKey),
          responsiblePerson: p.state === 'issued' ? null : (p.person ?? null),
          description: p.description,
          category: p.category,
          severity: p.severity,
          deadline,
          status,
          closedOn: closed ? closedOn : null,
          closedOnTime: closed && closedOn ? closedOn <= deadline : null,
          reviewDueOn,
          reviewedOn: p.state === 'reopened' ? day(-5) : null,
          reopenedCount: p.state === 'reopened' ? 1 : 0,
          returnedCount: p.state === 'returned' ? 1 : 0,
          createdBy: issuer,
          createdAt: at(issuedOn),
          updatedAt: now,
        })
        .returning({ id: problems.id });
      const problemId = row!.id;
      count += 1;
      const responsible = responsibleUser(p.orgKey) ?? null;
      const events: { kind: string; on: string; note: string | null; actor: number | null; detail?: Record<string, unknown> }[] = [{ kind: 'issued', on: issuedOn, note: null, actor: issuer, detail: { batchId: batch!.id, deadline } }];
      if (p.state !== 'issued') events.push({ kind: 'claimed', on: plusDays(issuedOn, 3), note: '已认领，明确责任人', actor: responsible });
      const hasMeasures = !['issued', 'claimed'].includes(p.state);
      if (hasMeasures) {
        const [first, second] = SAMPLE_MEASURES[p.category] ?? SAMPLE_MEASURES.organizational!;
        const end = closedOn ?? deadline;
        const doneAll = closed || p.state === 'reopened' || p.state === 'closure_requested' || p.state === 'returned';
        await tx.insert(problemMeasures).values([
          { problemId, content: first, owner: p.person ?? '支部书记', deadline: plusDays(end, -15), doneOn: p.state === 'measures_set' ? null : plusDays(issuedOn, 15), sortOrder: 0 },
          { problemId, content: second, owner: '组织委员', deadline: end, doneOn: doneAll ? plusDays(closedOn ?? day(-5), -2) : null, sortOrder: 1 },
        ]);
        events.push({ kind: 'measures_set', on: plusDays(issuedOn, 7), note: null, actor: responsible, detail: { measures: 2 } });
      }
      if (['in_progress', 'closure_requested', 'closed', 'returned', 'reopened'].includes(p.state)) {
        events.push({ kind: 'progress', on: plusDays(issuedOn, 20), note: '已召开专题会议研究部署整改，正在逐项落实', actor: responsible });
      }
      if (p.state === 'returned') {
        events.push({ kind: 'closure_requested', on: day(-20), note: '整改措施已全部落实，申请销号', actor: responsible });
        events.push({ kind: 'returned', on: day(-15), note: '整改佐证材料不足，对照检查材料未体现具体问题，请补充后重新申请', actor: issuer });
        events.push({ kind: 'progress', on: day(-8), note: '已重新召开专题会议，补充对照检查材料', actor: responsible });
      }
      if (p.state === 'closure_requested') events.push({ kind: 'closure_requested', on: day(-3), note: '整改措施已全部落实，申请销号', actor: responsible });
      if ((closed || p.state === 'reopened') && closedOn) {
        events.push({ kind: 'closure_requested', on: plusDays(closedOn, -4), note: '整改措施已全部落实，申请销号', actor: responsible });
        events.push({ kind: 'closed', on: closedOn, note: '经审核，整改到位，同意销号', actor: issuer, detail: { closedOn } });
      }
      if (p.state === 'reopened') {
        events.push({ kind: 'reviewed', on: day(-5), note: '回头看发现部分风险点防控措施仍未落实', actor: issuer, detail: { outcome: 'reopen' } });
        events.push({ kind: 'reopened', on: day(-5), note: '回头看发现问题反弹，重新整改', actor: issuer, detail: { deadline } });
      }
      events.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
      await tx.insert(problemEvents).values(events.map((e) => ({ problemId, kind: e.kind, note: e.note, detail: e.detail ?? null, actorUserId: e.actor, occurredAt: at(e.on) })));
    }
  }
  return { batches: BATCHES.length, problems: count };
}
