import { describe, expect, it } from 'vitest';
import { csvCell, errorsCsv, errorsCsvFileName, importStage, importStepIndex, isXlsxFileName, moreErrorsNote, progressPercent } from './importWizard';

describe('import stage', () => {
  it('follows the dry run, then the commit', () => {
    expect(importStage(undefined, undefined)).toBe('choose');
    expect(importStage({ status: 'running' }, undefined)).toBe('validating');
    expect(importStage({ status: 'invalid' }, undefined)).toBe('invalid');
    expect(importStage({ status: 'valid' }, undefined)).toBe('valid');
    expect(importStage({ status: 'failed' }, undefined)).toBe('failed');
    expect(importStage({ status: 'valid' }, { status: 'running' })).toBe('committing');
    expect(importStage({ status: 'valid' }, { status: 'committed' })).toBe('committed');
    // The commit checks again and refuses the whole file.
    expect(importStage({ status: 'valid' }, { status: 'invalid' })).toBe('invalid');
    expect(importStage({ status: 'valid' }, { status: 'failed' })).toBe('failed');
  });

  it('maps stages to the four steps', () => {
    expect(importStepIndex('choose')).toBe(0);
    expect(importStepIndex('validating')).toBe(1);
    expect(importStepIndex('invalid')).toBe(1);
    expect(importStepIndex('valid')).toBe(2);
    expect(importStepIndex('committing')).toBe(2);
    expect(importStepIndex('committed')).toBe(3);
    expect(importStepIndex('failed')).toBe(1);
    expect(importStepIndex('failed', true)).toBe(2);
  });

  it('measures progress, never 100 while running', () => {
    expect(progressPercent(undefined)).toBe(0);
    expect(progressPercent({ status: 'running', totalRows: 0, processedRows: 0 })).toBe(0);
    expect(progressPercent({ status: 'running', totalRows: 200, processedRows: 50 })).toBe(25);
    expect(progressPercent({ status: 'running', totalRows: 10, processedRows: 10 })).toBe(99);
    expect(progressPercent({ status: 'valid', totalRows: 10, processedRows: 10 })).toBe(100);
  });

  it('says when more errors were found than listed', () => {
    expect(moreErrorsNote({ errorCount: 2, errors: [{ row: 2, column: 'A', field: '姓名', message: 'x' }, { row: 3, column: 'B', field: '性别', message: 'y' }] })).toBeNull();
    expect(moreErrorsNote({ errorCount: 1200, errors: Array.from({ length: 500 }, (_, i) => ({ row: i, column: 'A', field: '姓名', message: 'x' })) })).toContain('共发现 1200 处错误，此处列出前 500 处');
  });

  it('takes .xlsx files only', () => {
    expect(isXlsxFileName('党员名册.xlsx')).toBe(true);
    expect(isXlsxFileName('党员名册.XLSX')).toBe(true);
    expect(isXlsxFileName('党员名册.xls')).toBe(false);
    expect(isXlsxFileName('党员名册.csv')).toBe(false);
  });
});

describe('error CSV', () => {
  it('has a BOM, a Chinese header and one line per error', () => {
    const csv = errorsCsv([
      { row: 3, column: 'C', field: '公民身份号码', message: '校验码错误' },
      { row: 5, column: 'E', field: '出生日期', message: '日期 "2030-01-01" 晚于今天, 请核实' },
    ]);
    expect(csv.startsWith('\uFEFF行号,列,字段,错误说明\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('3,C,公民身份号码,校验码错误');
    expect(lines[2]).toBe('5,E,出生日期,"日期 ""2030-01-01"" 晚于今天, 请核实"');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('普通文字')).toBe('普通文字');
  });

  it('names the file after the import file', () => {
    expect(errorsCsvFileName('二支部.xlsx')).toBe('错误清单-二支部.csv');
    expect(errorsCsvFileName('.xlsx')).toBe('错误清单-导入文件.csv');
  });
});
