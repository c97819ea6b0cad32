/**
 * The stored setup findings (org_findings: rule org.setup, vacant posts by committee.vacancy) of a generated org,
 * computed in the streaming pass the way findings.service.ts `refresh` computes them from the database, so that a
 * generated database holds what the app would have stored after entering the same members and committees
 * (test/scale-dataset.test.ts compares the two). Rule evaluations are cached by their facts: most orgs share them.
 */
import { postLabel, REQUIRED_COMMITTEE_POSTS } from '../src/modules/committees/committee-posts.js';
import type { OrgRules, RuleProblem } from '../src/modules/elections/org-rules.js';
import type { CommitteeSummary } from './org-records.js';
import type { OrgRow } from './tree-shape.js';

export const FINDING_COLUMNS = ['org_id', 'rule_id', 'code', 'severity', 'message', 'detail', 'due_on', 'basis', 'computed_at'] as const;

export interface FindingFacts {
  org: OrgRow;
  /** On-roster members of the org's subtree, and how many of them are full members. */
  memberCount: number;
  fullMemberCount: number;
  committee: CommitteeSummary;
  /** 党小组 directly under the org, with their own members. */
  smallGroups: { name: string; memberCount: number; fullMemberCount: number }[];
}

const BRANCH_LIKE = new Set(['branch', 'joint_branch', 'temporary_branch']);
// Private-use characters: never in a generated name.
const placeholder = (i: number) => `\uE000${i}\uE001`;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export class FindingsGenerator {
  private readonly setupCache = new Map<string, RuleProblem[]>();
  private readonly basisJson = new WeakMap<RuleProblem, string>();

  constructor(
    private readonly rules: OrgRules,
    private readonly today: string,
    private readonly computedAt: string,
  ) {}

  /** The org_findings rows of one org (an elected type: 党委/机关党委, 党总支, 党支部), in FINDING_COLUMNS order. */
  rows(f: FindingFacts): unknown[][] {
    const out: unknown[][] = [];
    const current = new Set(f.committee.posts);
    const needsCommittee = f.committee.holders > 1 || !BRANCH_LIKE.has(f.org.type) || f.fullMemberCount >= 7;
    const required = needsCommittee ? REQUIRED_COMMITTEE_POSTS : (['secretary'] as const);
    let secretaryVacancy = false;
    for (const post of required) {
      if (current.has(post)) continue;
      // Never held (no ended post in generated data): vacant since the current term began, if there is one.
      const since = f.committee.electedOn;
      if (since === null) continue;
      const v = this.rules.vacancy({ post, vacantSince: since, today: this.today });
      if (post === 'secretary') secretaryVacancy = true;
      out.push([
        f.org.id, v.ruleId, 'post_vacant', v.unmet ? v.severity : null,
        `${postLabel(post)}职务自 ${since} 起空缺（${v.vacantDays} 天）${v.unmet ? `，超过 ${v.maxDays} 天未补选` : `，应在 ${v.dueOn} 前补选`}`,
        { post, vacantSince: since, vacantDays: v.vacantDays }, v.dueOn, JSON.stringify(v.basis), this.computedAt,
      ]);
    }
    // Cached by the facts, with the groups' names as placeholders (they appear in messages) put back after.
    const groups = f.smallGroups.map((g, i) => ({ name: placeholder(i), memberCount: g.memberCount, fullMemberCount: g.fullMemberCount }));
    const hasSecretary = current.has('secretary');
    const key = `${f.org.type}|${f.memberCount}|${f.fullMemberCount}|${f.committee.holders}|${hasSecretary}|${groups.map((g) => `${g.memberCount}/${g.fullMemberCount}`).join(',')}`;
    let problems = this.setupCache.get(key);
    if (!problems) {
      problems = this.rules.setup({ orgType: f.org.type, memberCount: f.memberCount, fullMemberCount: f.fullMemberCount, committeeSize: f.committee.holders, hasSecretary, smallGroups: groups }, this.today);
      // Bounded memory: the larger orgs' facts rarely repeat.
      if (this.setupCache.size >= 20_000) this.setupCache.clear();
      this.setupCache.set(key, problems);
    }
    const detail = { memberCount: f.memberCount, fullMemberCount: f.fullMemberCount, committeeSize: f.committee.holders };
    for (const p of problems) {
      if (p.code === 'secretary_missing' && secretaryVacancy) continue;
      let basis = this.basisJson.get(p);
      if (basis === undefined) this.basisJson.set(p, (basis = JSON.stringify(p.basis)));
      const message = f.smallGroups.length === 0 ? p.message : p.message.replace(PLACEHOLDER, (_, i: string) => f.smallGroups[Number(i)]?.name ?? '');
      out.push([f.org.id, p.ruleId, p.code, p.severity, message, detail, null, basis, this.computedAt]);
    }
    return out;
  }
}
