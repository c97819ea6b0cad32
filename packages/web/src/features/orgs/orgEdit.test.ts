import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { OrgDetail } from '../../api/types';
import { formFieldErrors } from '../../shared/errors';
import { ApiError } from '../../api/client';
import { ORG_EDIT_FIELDS, orgEditValues, orgPatchOf } from './orgEdit';

const org: OrgDetail = {
  id: 7,
  parentId: 1,
  name: '第一支部',
  shortName: null,
  type: 'branch',
  typeLabel: '党支部',
  status: 'active',
  statusLabel: '正常',
  hasChildren: false,
  code: 'A001',
  foundedOn: '2020-05-04',
  approvalDoc: null,
  units: [
    { id: 3, name: '某局' },
    { id: 5, name: '某中心' },
  ],
  statisticsCategory: 'party_government_organ',
  nationalTypeCode: '631',
  ancestors: [],
  childCount: 0,
  memberCount: 12,
  createdAt: '2024-01-01T00:00:00.000Z',
};

describe('orgPatchOf', () => {
  it('sends nothing when the starting values come back unchanged (units in any order)', () => {
    expect(orgPatchOf(org, orgEditValues(org))).toEqual({});
    expect(orgPatchOf(org, { ...orgEditValues(org), name: ' 第一支部 ', unitIds: [5, 3, 5] })).toEqual({});
  });

  it('sends only the changed fields, trimmed, with empty text and dates as null', () => {
    expect(
      orgPatchOf(org, {
        ...orgEditValues(org),
        code: '  ',
        foundedOn: dayjs('2019-07-01'),
        approvalDoc: ' 某党发〔2019〕3号 ',
      }),
    ).toEqual({ code: null, foundedOn: '2019-07-01', approvalDoc: '某党发〔2019〕3号' });
    expect(orgPatchOf(org, { ...orgEditValues(org), foundedOn: null, shortName: '一支部' })).toEqual({ foundedOn: null, shortName: '一支部' });
  });

  it('replaces the units as a whole, [] clearing them', () => {
    expect(orgPatchOf(org, { ...orgEditValues(org), unitIds: [3, 9] })).toEqual({ unitIds: [3, 9] });
    expect(orgPatchOf(org, { ...orgEditValues(org), unitIds: [] })).toEqual({ unitIds: [] });
    expect(orgPatchOf(org, { ...orgEditValues(org), unitIds: undefined })).toEqual({ unitIds: [] });
  });
});

describe('server field errors on the edit form', () => {
  it('shows a detail on its field, an item of a list on the list', () => {
    const error = new ApiError(400, {
      code: 'E_VALIDATION',
      message: '提交的数据有误',
      details: [
        { field: 'foundedOn', message: '成立日期不能晚于今天' },
        { field: 'unitIds.0', message: '「unitIds.0」不能小于 1' },
        { field: 'status', message: '不在表单上' },
      ],
    });
    expect(formFieldErrors(error, ORG_EDIT_FIELDS)).toEqual([
      { name: 'foundedOn', errors: ['成立日期不能晚于今天'] },
      { name: 'unitIds', errors: ['「unitIds.0」不能小于 1'] },
    ]);
  });
});

describe('orgPatchOf: 所在单位类别', () => {
  it('sends the category only when it changed, null to clear it', () => {
    expect(orgPatchOf(org, { ...orgEditValues(org) })).toEqual({});
    expect(orgPatchOf(org, { ...orgEditValues(org), statisticsCategory: 'other_public_institution' })).toEqual({ statisticsCategory: 'other_public_institution' });
    expect(orgPatchOf(org, { ...orgEditValues(org), statisticsCategory: undefined })).toEqual({ statisticsCategory: null });
  });
});
