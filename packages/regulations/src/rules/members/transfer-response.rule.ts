import Type from 'typebox';
import { addDays, daysBetween } from '../../engine/period.js';
import { defineRule, met, notApplicable, param, unmet } from '../../engine/rule.js';
import { IsoDateFact } from '../org/org-types.js';

export type TransferResponseDetail = {
  /** The limit in force on `asOf`. */
  limitDays: number;
  /** `startedOn` + `limitDays`: the last day within the limit. */
  dueOn: string;
  /** `dueOn` − `asOf`; negative once overdue. */
  daysLeft: number;
};

export const transferResponse = defineRule({
  id: 'members.transfer_response',
  title: '组织关系转接应在时限内办结接收',
  description:
    '在评价日（asOf = 今天）检查一件尚未办结的组织关系转接（startedOn 为转出方发起之日）：超过 members.transfer.response_limit_days（30 天）仍未接收的提醒。' +
    '没有中央文件规定接收方的办理时限；最接近的依据是组通字〔2006〕45号介绍信式样的回执联：接收党员组织关系的基层党委在接收党员后一个月内寄回回执。' +
    '本项目把这一个月用作接收方的办理时限，自发起之日起算，效力为"一般"（提醒），各地可按本辖区规定修改。参数按评价日取值；已办结或已退回的转接不应再交给本规则。',
  period: 'event',
  resolveAt: 'event_date',
  params: { limitDays: param('members.transfer.response_limit_days', Type.Integer({ minimum: 1 })) },
  facts: Type.Object(
    {
      /** The day the transferring organization started the transfer (开具介绍信或网上发起). */
      startedOn: IsoDateFact,
    },
    { additionalProperties: false },
  ),

  assess({ params: { limitDays }, facts: { startedOn }, asOf }) {
    if (!limitDays) return notApplicable('评价日尚无已编码的转接办理时限');
    if (startedOn > asOf) return notApplicable(`转接发起日期 ${startedOn} 晚于评价日 ${asOf}`);
    const dueOn = addDays(startedOn, limitDays.value);
    const daysLeft = daysBetween(asOf, dueOn);
    const detail: TransferResponseDetail = { limitDays: limitDays.value, dueOn, daysLeft };
    if (daysLeft >= 0) return met(detail);
    return unmet(detail, [
      {
        code: 'transfer_response_overdue',
        message: `组织关系转接于 ${startedOn} 发起，接收方应在 ${limitDays.value} 天内（至 ${dueOn}）办结，已逾期 ${-daysLeft} 天`,
        basis: limitDays,
      },
    ]);
  },
});
