import type { CodeTable } from './code-table.js';

/**
 * 党员状态 (datastd §2.11, a design synthesis): 党籍状态 正常/停止党籍, the 流动 and 失联 flags, and the ways of
 * leaving the roster that 党统 counts (出党, 死亡, 转出). Members are never deleted; leaving is a status.
 */
export const MEMBER_STATUS_CODES: CodeTable = {
  id: 'memberStatus',
  title: '党员状态',
  standard: '本项目代码（据党籍状态、流动党员、失联党员和党内统计"本年减少"的分类综合）',
  note:
    '全国党员管理信息系统的党籍状态只有"正常""停止党籍"，流动和失联是另外的是否项；本表把它们合为一个在册状态，另加离册的出党（开除党籍、取消党籍等）、死亡、已转出。' +
    '代码为本项目代码，不是国家标准代码。',
  entries: [
    { code: 'normal', label: '正常' },
    { code: 'mobile', label: '流动', aliases: ['流动党员'] },
    { code: 'lost_contact', label: '失联', aliases: ['失联党员'] },
    { code: 'suspended', label: '停止党籍' },
    { code: 'expelled', label: '出党' },
    { code: 'deceased', label: '死亡' },
    { code: 'transferred_out', label: '已转出' },
  ],
};
